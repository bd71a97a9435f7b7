import AllotCore
import Foundation

/// Reads the reference workforce that `Config/scoring.yaml` names (`gaps.reference_workforce`), a file with the
/// workforce file's columns, so a round without a workforce file still measures demand against counted people.
public enum ReferenceWorkforceLoader {
    /// Nil when none is configured; a configured file that is missing or malformed is an error, never skipped.
    /// The bytes returned are the ones parsed, so a run's record hashes exactly what it used.
    public static func load(from directory: ConfigDirectory, gaps: GapConfig, mapping: SurveyMapping) throws
        -> (workforce: ReferenceWorkforce, file: String, bytes: Data)? {
        guard let name = gaps.referenceWorkforce, let source = gaps.referenceWorkforceSource else { return nil }
        let path = directory.file(name)
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: directory.file("scoring.yaml"), key: "gaps.reference_workforce", message: "cannot read \(path)")
        }
        let table = try SupplyReader.workforce(bytes: [UInt8](bytes), name: path, mapping: mapping)
        return (ReferenceWorkforce(headcount: table, source: source), name, bytes)
    }
}
