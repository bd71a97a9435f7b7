import AllotCore
import AllotIngest
import Foundation

/// What each fuzz target feeds its input to. A target fails only by crashing, hanging or leaking: every error an
/// input can cause is the input's, and is thrown and caught here. The same functions replay kept inputs in the
/// tests (Tests/AllotFuzzTests), so a crash once found stays fixed.
public enum FuzzTargets {
    /// Config/ of the repository the binary was built in.
    static let config: ConfigDirectory = {
        guard let directory = try? ConfigDirectory.locate() else { fatalError("fuzz targets need the repository's Config/ folder") }
        return directory
    }()
    static let catalogue: MappingCatalogue = {
        guard let catalogue = try? MappingCatalogue.load(from: config) else { fatalError("cannot load Config/mappings") }
        return catalogue
    }()
    static let canonical: SurveyMapping = {
        guard let mapping = try? catalogue.mapping(named: "canonical") else { fatalError("no canonical mapping") }
        return mapping
    }()

    /// A file of its own per process under /dev/shm (memory), so a fuzzer's millions of runs never touch a disk.
    static func file(_ name: String, _ bytes: Data) -> String {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(folder)/allot-fuzz-\(getpid())-\(name)"
        guard FileManager.default.createFile(atPath: path, contents: bytes) else { fatalError("cannot write \(path)") }
        return path
    }

    /// The rows' lines and the error of reading `path`, as text to compare.
    static func surveyOutcome(_ path: String, _ options: SurveyReadOptions) -> String {
        var lines: [Int] = []
        do {
            let report = try SurveyFileReader.read(path: path, catalogue: catalogue, options: options) { _, line in lines.append(line) }
            return "\(lines) \(report.rows) \(report.responses) \(report.refusals)"
        } catch {
            return "\(lines) \(error)"
        }
    }

    /// The CSV reader with the survey decoder (strict, then skipping invalid rows with a reject file), and every
    /// other CSV reader (supply returns, workforce, reviews, conflicts) on the same bytes.
    public static func surveyCSV(_ bytes: Data) {
        let path = file("survey.csv", bytes)
        let rejects = path + ".rejects.csv"
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: rejects) }
        for skip in [false, true] {
            let options = SurveyReadOptions(skipInvalid: skip, rejectFile: rejects, computeDigest: true)
            _ = try? SurveyFileReader.read(path: path, catalogue: catalogue, options: options) { _, _ in }
        }
        // Pieces read on several threads, in windows small enough to split quoted fields, must give one thread's result.
        let oneThread = surveyOutcome(path, SurveyReadOptions(threads: 1))
        let pieces = surveyOutcome(path, SurveyReadOptions(threads: 3, windowBytes: 64))
        if oneThread != pieces { fatalError("reading in parallel pieces differs from one thread:\n\(oneThread)\n\(pieces)") }
        _ = try? SupplyReader.participation(path: path, mapping: canonical)
        _ = try? SupplyReader.activity(path: path)
        _ = try? SupplyReader.workforce(path: path, mapping: canonical)
        let raw = [UInt8](bytes)
        _ = try? ReviewReader(proposalIDs: ["P1", "P2", "R5-001"]).read(bytes: raw, name: "reviews.csv")
        _ = try? ConflictReader().read(bytes: raw, name: "conflicts.csv")
    }

    /// The proposal decoders (JSON array, one object per line, CSV) and the round file decoder (YAML or JSON).
    public static func roundFiles(_ bytes: Data) {
        let raw = [UInt8](bytes)
        let reader = ProposalReader(mapping: canonical)
        for name in ["proposals.json", "proposals.jsonl", "proposals.csv"] {
            _ = try? reader.read(bytes: raw, name: name)
            _ = reader.readCollectingErrors(bytes: raw, name: name)
        }
        let path = file("round.yaml", bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try? ScoringConfigLoader.round(path: path, defaults: RoundConstraints())
        _ = try? ScoringConfigLoader.parse(yaml: String(decoding: bytes, as: UTF8.self), source: "scoring.yaml")
    }
}
