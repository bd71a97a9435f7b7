import AllotIngest
import Foundation

/// Paths of the repository and a scratch folder for one test.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let config = ConfigDirectory(path: repository.appendingPathComponent("Config").path)
    /// Files the tests read, held beside them (the published 2017-18 practitioner sample and its expected tallies).
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func catalogue() throws -> MappingCatalogue { try MappingCatalogue.load(from: config) }

    /// A new empty folder under the system's temporary folder.
    static func scratch() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` (or raw bytes) to a file in a new scratch folder.
    static func file(_ text: String, name: String = "survey.csv") throws -> String {
        try file(bytes: Array(text.utf8), name: name)
    }

    static func file(bytes: [UInt8], name: String = "survey.csv") throws -> String {
        let path = (try scratch() as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let header = "response_id,survey,consent,sector,role,local_authority,postcode,pl_hours,hours_vs_last_year,pl_types,providers,ease_of_access,choice_sufficient,barriers,priorities,confidence"
}
