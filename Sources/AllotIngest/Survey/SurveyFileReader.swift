import AllotCore
import Foundation

/// How to read a survey file.
public struct SurveyReadOptions: Sendable {
    /// A mapping name; nil recognises the mapping from the headers.
    public var mappingName: String?
    /// Keep valid rows and list the others in a reject file, instead of rejecting the file.
    public var skipInvalid = false
    /// Where rejects go; default `FILE.rejects.csv` beside the input.
    public var rejectFile: String?
    public var lookup: PostcodeLookup?
    /// Compute the file's SHA-256 (for the audit trail of an import).
    public var computeDigest = false

    public init(mappingName: String? = nil, skipInvalid: Bool = false, rejectFile: String? = nil,
                lookup: PostcodeLookup? = nil, computeDigest: Bool = false) {
        self.mappingName = mappingName
        self.skipInvalid = skipInvalid
        self.rejectFile = rejectFile
        self.lookup = lookup
        self.computeDigest = computeDigest
    }
}

/// What reading one file found.
public struct SurveyFileReport: Sendable, Equatable {
    public var file: String
    public var mapping: String
    public var mappingRecognised: Bool
    public var rows = 0
    public var responses = 0
    public var refusals = 0
    public var rejected = 0
    public var rejectFile: String?
    public var sha256: String?
}

/// Streams the rows of survey files through the right mapping.
public enum SurveyFileReader {
    /// Reads `path`, calling `body` for every consented response or refusal (with its line).
    /// `body` may throw a `SurveyInputError` (e.g. a conflicting duplicate): with `skipInvalid`
    /// that row is rejected, otherwise reading stops with the error.
    public static func read(path: String, catalogue: MappingCatalogue, options: SurveyReadOptions,
                            _ body: (DecodedRow, Int) throws -> Void) throws -> SurveyFileReport {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, computeDigest: options.computeDigest) } catch let e as CSVError {
            throw SurveyInputError.syntax(e)
        }
        var record = CSVRecord()
        do {
            guard try reader.next(into: &record), !(record.count == 1 && record.isBlank(0)) else {
                throw SurveyInputError.empty(file: path)
            }
        } catch let e as CSVError { throw SurveyInputError.syntax(e) }
        if let bad = record.invalidUTF8Field() {
            throw SurveyInputError.invalidValue(file: path, line: 1, column: bad + 1, columnName: "", value: "(bytes that are not UTF-8)",
                                                expected: "UTF-8 text; the file seems to use another encoding (save it as CSV UTF-8)")
        }
        var decoder = try chooseDecoder(header: record, path: path, catalogue: catalogue, options: options)
        var report = SurveyFileReport(file: path, mapping: decoder.mapping.name, mappingRecognised: options.mappingName == nil)
        var rejects: CSVWriter?
        defer { try? rejects?.close() }
        while true {
            do {
                guard try reader.next(into: &record) else { break }
            } catch let e as CSVError {
                // Quoting errors lose the record boundary: the file cannot be read on safely.
                throw SurveyInputError.syntax(e)
            }
            do {
                let row = try decoder.decode(record)
                if case .blank = row { continue }
                try body(row, record.line)
                report.rows += 1
                if case .refusal = row { report.refusals += 1 } else { report.responses += 1 }
            } catch let error as SurveyInputError where options.skipInvalid {
                report.rows += 1
                report.rejected += 1
                if rejects == nil {
                    let target = options.rejectFile ?? path + ".rejects.csv"
                    rejects = try CSVWriter(path: target)
                    try rejects?.write(["line", "column", "column_name", "value", "reason", "response_id"])
                    report.rejectFile = target
                }
                let where_ = error.location
                try rejects?.write([String(where_.line), String(where_.column), where_.columnName, where_.value, where_.reason,
                                    record.count > 0 ? record.string(0) : ""])
            }
        }
        report.sha256 = reader.digestHex()
        return report
    }

    private static func chooseDecoder(header: CSVRecord, path: String, catalogue: MappingCatalogue,
                                      options: SurveyReadOptions) throws -> SurveyDecoder {
        if let name = options.mappingName {
            return try SurveyDecoder(mapping: try catalogue.mapping(named: name), header: header, fileName: path, lookup: options.lookup)
        }
        var best: SurveyDecoder?
        var firstError: SurveyInputError?
        for mapping in catalogue.mappings {
            do {
                let decoder = try SurveyDecoder(mapping: mapping, header: header, fileName: path, lookup: options.lookup)
                // Ties go to the first mapping by name, so the choice never depends on file order.
                if decoder.recognisedColumns > (best?.recognisedColumns ?? -1) { best = decoder }
            } catch let e as SurveyInputError {
                if firstError == nil { firstError = e }
            }
        }
        if let best { return best }
        if case let .missingColumns(_, missing, _, headers)? = firstError {
            throw SurveyInputError.unrecognisedHeaders(
                file: path,
                reason: "no mapping in Config/mappings recognises these headers (\(headers.prefix(12).joined(separator: ", "))\(headers.count > 12 ? ", ..." : "")); "
                    + "required columns such as \(missing.joined(separator: ", ")) were not found. Add a mapping file, or name one with --mapping")
        }
        throw firstError ?? SurveyInputError.empty(file: path)
    }
}
