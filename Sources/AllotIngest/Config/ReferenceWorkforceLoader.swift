import AllotCore
import Foundation

/// Reads the reference workforce that `Config/scoring.yaml` names (`gaps.reference_workforce`), a file with the
/// workforce file's columns, so a round without a workforce file still measures demand against counted people.
public enum ReferenceWorkforceLoader {
    /// Nil when none is configured; a configured file that is missing or malformed is an error, never skipped.
    public static func load(from directory: ConfigDirectory, gaps: GapConfig, mapping: SurveyMapping) throws -> ReferenceWorkforce? {
        guard let name = gaps.referenceWorkforce, let source = gaps.referenceWorkforceSource else { return nil }
        let path = directory.file(name)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError(file: directory.file("scoring.yaml"), key: "gaps.reference_workforce", message: "\(path) does not exist")
        }
        return ReferenceWorkforce(headcount: try SupplyReader.workforce(path: path, mapping: mapping), source: source)
    }

    /// The file's bytes, for a run's record of its inputs (nil when none is configured).
    public static func bytes(from directory: ConfigDirectory, gaps: GapConfig) -> (name: String, data: Data)? {
        guard let name = gaps.referenceWorkforce, let data = FileManager.default.contents(atPath: directory.file(name)) else { return nil }
        return (name, data)
    }
}
