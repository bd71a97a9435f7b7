import AllotCore
import Foundation
import Yams

/// Loads the official postcode lookups named in `Config/lookups.yaml` (or another file), with the
/// column names mapped in config because the files' headers change between editions.
public enum PostcodeLookupLoader {
    /// One lookup file and which of its columns mean what.
    public struct Source: Decodable, Sendable {
        public var name: String
        public var file: String?
        public var columns: [String: String]
    }

    private struct Raw: Decodable { var postcode_lookups: [Source]? }

    /// Lookup fields a source's `columns` may name.
    public static let fields = ["postcode", "data_zone", "council_area", "simd_rank", "simd_decile", "simd_quintile", "urban_rural_6"]

    /// The lookup described by the YAML file at `path`, or nil when it names no file (enrichment unavailable).
    public static func load(configFile path: String) throws -> PostcodeLookup? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: "", message: "cannot read the file")
        }
        let raw: Raw
        do { raw = try YAMLDecoder().decode(Raw.self, from: text) } catch let error as DecodingError {
            throw ConfigError(file: path, key: error.keyPath, message: error.plainDescription)
        } catch { throw ConfigError(file: path, key: "", message: "not valid YAML: \(error)") }
        let base = (path as NSString).deletingLastPathComponent
        var entries: [String: PostcodeEnrichment] = [:]
        var sources: [String] = []
        for (i, source) in (raw.postcode_lookups ?? []).enumerated() {
            guard let file = source.file, !file.isEmpty else { continue }
            let key = "postcode_lookups.\(i)"
            for name in source.columns.keys where !fields.contains(name) {
                throw ConfigError(file: path, key: "\(key).columns.\(name)", message: "unknown field; expected one of \(fields.joined(separator: ", "))")
            }
            guard source.columns["postcode"] != nil else {
                throw ConfigError(file: path, key: "\(key).columns.postcode", message: "required: the name of the postcode column")
            }
            let full = file.hasPrefix("/") ? file : (base as NSString).appendingPathComponent(file)
            try read(file: full, source: source, configFile: path, key: key, into: &entries)
            sources.append(source.name)
        }
        return sources.isEmpty ? nil : PostcodeLookup(entries: entries, sources: sources)
    }

    private static func read(file: String, source: Source, configFile: String, key: String,
                             into entries: inout [String: PostcodeEnrichment]) throws {
        let reader: CSVReader
        do { reader = try CSVReader(path: file) } catch let e as CSVError {
            throw ConfigError(file: configFile, key: "\(key).file", message: e.message + " (\(file))")
        }
        var record = CSVRecord()
        guard try reader.next(into: &record) else {
            throw ConfigError(file: configFile, key: "\(key).file", message: "\(file) is empty")
        }
        let headers = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (field, header) in source.columns {
            guard let i = headers.firstIndex(where: { $0.caseInsensitiveCompare(header) == .orderedSame }) else {
                throw ConfigError(file: configFile, key: "\(key).columns.\(field)",
                                  message: "\(file) has no column '\(header)'; its columns are \(headers.joined(separator: ", "))")
            }
            index[field] = i
        }
        func int(_ field: String, _ line: Int) throws -> Int? {
            guard let i = index[field] else { return nil }
            let text = record.string(i).trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let v = Int(text) else {
                throw SurveyInputError.invalidValue(file: file, line: line, column: i + 1, columnName: headers[i], value: text, expected: "a whole number")
            }
            return v
        }
        while try reader.next(into: &record) {
            if record.count == 1 && record.isBlank(0) { continue }
            if record.count != headers.count {
                throw SurveyInputError.fieldCount(file: file, line: record.line, expected: headers.count, found: record.count)
            }
            guard let pc = index["postcode"], let postcode = Postcode(record.string(pc)) else { continue }
            var e = PostcodeEnrichment()
            if let i = index["data_zone"] { let dz = record.string(i).trimmingCharacters(in: .whitespaces); e.dataZone = dz.isEmpty ? nil : dz }
            if let i = index["council_area"] {
                let text = record.string(i).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    guard let c = Geography.councilIndex(matching: text) else {
                        throw SurveyInputError.invalidValue(file: file, line: record.line, column: i + 1, columnName: headers[i], value: text, expected: "a council area name or GSS code (S12...)")
                    }
                    e.council = c
                }
            }
            e.simdRank = try int("simd_rank", record.line)
            e.simdDecile = try int("simd_decile", record.line)
            e.simdQuintile = try int("simd_quintile", record.line)
            e.urbanRural6 = try int("urban_rural_6", record.line)
            if e.simdQuintile == nil, let decile = e.simdDecile { e.simdQuintile = (decile + 1) / 2 }
            if let q = e.simdQuintile, !(1...5).contains(q) {
                throw SurveyInputError.invalidValue(file: file, line: record.line, column: (index["simd_quintile"] ?? 0) + 1, columnName: "simd_quintile", value: String(q), expected: "a quintile from 1 to 5")
            }
            if let u = e.urbanRural6, !(1...6).contains(u) {
                throw SurveyInputError.invalidValue(file: file, line: record.line, column: (index["urban_rural_6"] ?? 0) + 1, columnName: "urban_rural_6", value: String(u), expected: "a 6-fold class from 1 to 6")
            }
            entries[postcode.normalised, default: PostcodeEnrichment()].merge(e)
        }
    }
}
