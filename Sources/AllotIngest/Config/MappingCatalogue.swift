import Foundation

/// The mappings of `Config/mappings/*.yaml`, by name.
public struct MappingCatalogue: Sendable {
    public let mappings: [SurveyMapping]

    public init(mappings: [SurveyMapping]) {
        self.mappings = mappings.sorted { $0.name < $1.name }
    }

    /// Loads every `.yaml` file of `directory/mappings`.
    public static func load(from config: ConfigDirectory) throws -> MappingCatalogue {
        let folder = config.file("mappings")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw ConfigError(file: folder, key: "", message: "cannot list the mappings folder")
        }
        var seen: [String: String] = [:]
        var mappings: [SurveyMapping] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let mapping = try SurveyMapping.load(path: path)
            if let other = seen[mapping.name] {
                throw ConfigError(file: path, key: "name", message: "'\(mapping.name)' is also the name of \(other)")
            }
            seen[mapping.name] = path
            mappings.append(mapping)
        }
        guard !mappings.isEmpty else { throw ConfigError(file: folder, key: "", message: "no mapping files (*.yaml)") }
        return MappingCatalogue(mappings: mappings)
    }

    /// The mapping called `name`.
    public func mapping(named name: String) throws -> SurveyMapping {
        guard let m = mappings.first(where: { $0.name == name }) else {
            throw ConfigError(file: "Config/mappings", key: "name",
                              message: "no mapping named '\(name)'; known: \(mappings.map(\.name).joined(separator: ", "))")
        }
        return m
    }
}
