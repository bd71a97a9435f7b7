import AllotCore
import Foundation
import Yams

/// How one export style names its columns and words its answers (a file in `Config/mappings/`).
public struct SurveyMapping: Sendable, Equatable {
    /// How answers to multi-select questions are laid out.
    public enum Style: String, Sendable, Decodable {
        /// One column per question; a multi cell holds `;`-separated answers.
        case columns
        /// One column per option of a multi-select question, holding the option text, `1`, `Yes` or blank.
        case optionColumns = "option-columns"
    }

    /// One multi-select question laid out one column per option.
    public struct OptionColumns: Sendable, Equatable, Decodable {
        /// Header prefixes followed by the option's wording, e.g. `"Barriers - "`.
        public var prefixes: [String] = []
        /// Explicit headers per code, e.g. `staff-cover: ["Q14_1"]`.
        public var headers: [String: [String]] = [:]

        public init(prefixes: [String] = [], headers: [String: [String]] = [:]) {
            self.prefixes = prefixes
            self.headers = headers
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            prefixes = try c.decodeIfPresent([String].self, forKey: .prefixes) ?? []
            headers = try c.decodeIfPresent([String: [String]].self, forKey: .headers) ?? [:]
        }
        enum Keys: String, CodingKey { case prefixes, headers }
    }

    public var name: String
    public var description: String
    public var style: Style
    /// Overrides the kind implied by the survey id's prefix.
    public var surveyKind: String?
    public var multiSeparator: UInt8
    /// Canonical field -> accepted header names.
    public var columns: [SurveyField: [String]]
    /// Question (a field name, or `consent`, `local_authority`) -> code -> extra accepted wordings.
    public var wordings: [String: [String: [String]]]
    /// Multi-select question -> its option columns (style `option-columns`).
    public var optionColumns: [SurveyField: OptionColumns]
    /// Cell values meaning "chosen" / "not chosen" in option columns (besides the option's own wording).
    public var selectedValues: [String]
    public var unselectedValues: [String]
    /// Where the mapping came from, for error messages.
    public var source: String
}

/// A problem in a configuration file, naming the file and the key.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let key: String
    public let message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String { key.isEmpty ? "\(file): \(message)" : "\(file): key '\(key)': \(message)" }
}

extension SurveyMapping {
    private struct Raw: Decodable {
        var name: String
        var description: String?
        var style: Style?
        var survey_kind: String?
        var multi_separator: String?
        var columns: [String: [String]]?
        var wordings: [String: [String: [String]]]?
        var option_columns: [String: OptionColumns]?
        var selected_values: [String]?
        var unselected_values: [String]?
    }

    /// Parses and checks a mapping file's YAML text; every error names the key at fault.
    public static func parse(yaml: String, source: String) throws -> SurveyMapping {
        let raw: Raw
        do {
            raw = try YAMLDecoder().decode(Raw.self, from: yaml)
        } catch let error as DecodingError {
            throw ConfigError(file: source, key: error.keyPath, message: error.plainDescription)
        } catch {
            throw ConfigError(file: source, key: "", message: "not valid YAML: \(error)")
        }
        let separator = raw.multi_separator ?? ";"
        guard separator.utf8.count == 1, let sepByte = separator.utf8.first, sepByte < 0x80 else {
            throw ConfigError(file: source, key: "multi_separator", message: "must be one ASCII character, got '\(separator)'")
        }
        var columns: [SurveyField: [String]] = [:]
        for field in SurveyField.allCases { columns[field] = [field.rawValue] }
        for (key, names) in raw.columns ?? [:] {
            guard let field = SurveyField(rawValue: key) else {
                throw ConfigError(file: source, key: "columns.\(key)",
                                  message: "unknown column; expected one of \(SurveyField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            columns[field] = names
        }
        let wordingQuestions = Set(SurveyField.allCases.compactMap { $0.codebook?.question } + ["consent", "local_authority"])
        for (question, codes) in raw.wordings ?? [:] {
            guard wordingQuestions.contains(question) else {
                throw ConfigError(file: source, key: "wordings.\(question)", message: "unknown question; expected one of \(wordingQuestions.sorted().joined(separator: ", "))")
            }
            for code in codes.keys {
                let known: Bool
                switch question {
                case "consent": known = code == "yes" || code == "no"
                case "local_authority": known = Geography.councilIndex(matching: code) != nil
                default: known = Taxonomy.codebook(for: question)?.index(of: code) != nil
                }
                guard known else {
                    throw ConfigError(file: source, key: "wordings.\(question).\(code)", message: "unknown code for \(question)")
                }
            }
        }
        var optionColumns: [SurveyField: OptionColumns] = [:]
        for (key, spec) in raw.option_columns ?? [:] {
            guard let field = SurveyField(rawValue: key), field.isMulti, let book = field.codebook else {
                throw ConfigError(file: source, key: "option_columns.\(key)", message: "only the multi-select questions pl_types, providers, barriers, priorities can have option columns")
            }
            for code in spec.headers.keys where book.index(of: code) == nil {
                throw ConfigError(file: source, key: "option_columns.\(key).headers.\(code)", message: "unknown code for \(key)")
            }
            optionColumns[field] = spec
        }
        let style = raw.style ?? (optionColumns.isEmpty ? .columns : .optionColumns)
        if let kind = raw.survey_kind, !SurveyKind.known.contains(kind) {
            throw ConfigError(file: source, key: "survey_kind", message: "expected one of \(SurveyKind.known.joined(separator: ", "))")
        }
        return SurveyMapping(
            name: raw.name, description: raw.description ?? "", style: style, surveyKind: raw.survey_kind,
            multiSeparator: sepByte, columns: columns, wordings: raw.wordings ?? [:], optionColumns: optionColumns,
            selectedValues: raw.selected_values ?? ["1", "yes", "y", "true", "x", "ticked", "selected"],
            unselectedValues: raw.unselected_values ?? ["0", "no", "n", "false"],
            source: source)
    }

    /// Reads a mapping file.
    public static func load(path: String) throws -> SurveyMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: "", message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: "", message: "not UTF-8 text")
        }
        return try parse(yaml: text, source: path)
    }
}

extension DecodingError {
    /// The dotted path of the key the error is about.
    var keyPath: String {
        let context: Context? = switch self {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c): c
        case let .keyNotFound(key, c): Context(codingPath: c.codingPath + [key], debugDescription: c.debugDescription)
        @unknown default: nil
        }
        return context?.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") ?? ""
    }

    /// What went wrong, without Swift type names where possible.
    var plainDescription: String {
        switch self {
        case let .typeMismatch(type, _): "expected \(Self.plainType(type))"
        case let .valueNotFound(type, _): "missing value, expected \(Self.plainType(type))"
        case .keyNotFound: "required key is missing"
        case let .dataCorrupted(c): c.debugDescription
        @unknown default: "\(self)"
        }
    }

    private static func plainType(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "a list" }
        if name.hasPrefix("Dictionary") { return "a mapping of keys to values" }
        if name == "String" { return "text" }
        if name == "Int" || name == "Double" { return "a number" }
        if name == "Bool" { return "true or false" }
        return name
    }
}
