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
    /// Threads decoding the rows (each window is cut into this many pieces). The results never depend on it.
    public var threads = 1
    /// Bytes read at a time; memory stays at about one window plus the tallies, however large the file.
    public var windowBytes = 32 << 20

    public init(mappingName: String? = nil, skipInvalid: Bool = false, rejectFile: String? = nil,
                lookup: PostcodeLookup? = nil, computeDigest: Bool = false, threads: Int = 1, windowBytes: Int = 32 << 20) {
        self.mappingName = mappingName
        self.skipInvalid = skipInvalid
        self.rejectFile = rejectFile
        self.lookup = lookup
        self.computeDigest = computeDigest
        self.threads = threads
        self.windowBytes = windowBytes
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

/// Streams the rows of survey files through the right mapping, decoding pieces of each window on several threads.
///
/// Every result is the one a single thread reading the file from start to end gets: pieces are settled in file order,
/// so rows reach a caller's `body` in file order, rejects are listed in file order and the first error in the file is
/// the one thrown, with its exact line (each piece knows the line it starts on).
public enum SurveyFileReader {
    /// Reads `path`, calling `body` for every consented response or refusal (with its line), in file order.
    /// `body` may throw a `SurveyInputError` (e.g. a conflicting duplicate): with `skipInvalid`
    /// that row is rejected, otherwise reading stops with the error. Rows are decoded on `options.threads`
    /// threads; `body` runs on the calling thread.
    public static func read(path: String, catalogue: MappingCatalogue, options: SurveyReadOptions,
                            _ body: (DecodedRow, Int) throws -> Void) throws -> SurveyFileReport {
        let keepFirstField = options.skipInvalid
        // A window's decoded rows wait here until their piece is settled (a 32 MiB window held about 90 MB of rows on a
        // million-row ingest), so rows for a body are read in windows of at most 8 MiB.
        var options = options
        options.windowBytes = min(options.windowBytes, 8 << 20)
        return try readPieces(path: path, catalogue: catalogue, options: options) { reader, decoder in
            var rows: [OrderedRow] = []
            var ledger = PieceLedger()
            decodePiece(reader, decoder: &decoder, skipInvalid: options.skipInvalid, ledger: &ledger) { row, line, record, rejectsBefore in
                rows.append(OrderedRow(row: row, line: line, rejectsBefore: rejectsBefore,
                                       firstField: keepFirstField && record.count > 0 ? record.string(0) : ""))
            }
            return (rows, ledger)
        } settle: { piece, _, report, rejects in
            let (rows, ledger) = piece
            // The piece's decode rejects and the rejects of `body` interleave in file order.
            var written = 0
            for ordered in rows {
                while written < ordered.rejectsBefore { try rejects.write(ledger.rejects[written], report: &report); written += 1 }
                do {
                    try body(ordered.row, ordered.line)
                } catch let error as SurveyInputError where options.skipInvalid {
                    if case .refusal = ordered.row { report.refusals -= 1 } else { report.responses -= 1 }
                    report.rejected += 1
                    try rejects.write(rejectFields(error, firstField: ordered.firstField), report: &report)
                }
            }
            while written < ledger.rejects.count { try rejects.write(ledger.rejects[written], report: &report); written += 1 }
            report.add(ledger)
            if let stop = ledger.stop { throw stop }
        }
    }

    /// Reads `path` into per-piece partial results, in parallel, and settles them in file order.
    ///
    /// `add` folds a row into a piece's `Part` (on the piece's thread; it must touch nothing else). `adopt` is offered
    /// each piece's part in file order and takes it if the part does not depend on what came before (for the
    /// evidence: none of its response ids was seen before); when it refuses, the piece is read again on the calling
    /// thread through `body`, exactly as a single thread would. `body` may throw as in `read`.
    public static func fold<Part>(path: String, catalogue: MappingCatalogue, options: SurveyReadOptions,
                                  newPart: () -> Part,
                                  add: (inout Part, DecodedRow, Int) -> Void,
                                  adopt: (Part) -> Bool,
                                  body: (DecodedRow, Int) throws -> Void) throws -> SurveyFileReport {
        try readPieces(path: path, catalogue: catalogue, options: options) { reader, decoder in
            var part = newPart()
            var ledger = PieceLedger()
            decodePiece(reader, decoder: &decoder, skipInvalid: options.skipInvalid, ledger: &ledger) { row, line, _, _ in
                add(&part, row, line)
            }
            return (part, ledger)
        } settle: { piece, replay, report, rejects in
            var ledger = piece.1
            if !adopt(piece.0) { ledger = replay.run(body) }
            for fields in ledger.rejects { try rejects.write(fields, report: &report) }
            report.add(ledger)
            if let stop = ledger.stop { throw stop }
        }
    }

    /// Pieces a window is cut into per thread: threads that finish their piece early take another, instead of waiting
    /// for the slowest piece at the end of every window.
    static let piecesPerThread = 4

    /// A row kept for `read`'s caller, with how many of its piece's rejects come before it.
    private struct OrderedRow {
        let row: DecodedRow
        let line: Int
        let rejectsBefore: Int
        let firstField: String
    }

    /// Reads the header, then each window: `decode` runs on every piece in parallel, `settle` on each piece's result
    /// in file order (with a way to read the piece again through a body on the calling thread).
    private static func readPieces<Result>(
        path: String, catalogue: MappingCatalogue, options: SurveyReadOptions,
        decode: (CSVReader, inout SurveyDecoder) -> Result,
        settle: (Result, PieceReplay, inout SurveyFileReport, RejectSink) throws -> Void
    ) throws -> SurveyFileReport {
        let header: CSVReader
        do { header = try CSVReader(path: path) } catch let e as CSVError {
            throw SurveyInputError.syntax(e)
        }
        var record = CSVRecord()
        do {
            guard try header.next(into: &record), !(record.count == 1 && record.isBlank(0)) else {
                throw SurveyInputError.empty(file: path)
            }
        } catch let e as CSVError { throw SurveyInputError.syntax(e) }
        if let bad = record.invalidUTF8Field() {
            throw SurveyInputError.invalidValue(file: path, line: 1, column: bad + 1, columnName: "", value: "(bytes that are not UTF-8)",
                                                expected: "UTF-8 text; the file seems to use another encoding (save it as CSV UTF-8)")
        }
        let decoder = try chooseDecoder(header: record, path: path, catalogue: catalogue, options: options)
        var report = SurveyFileReport(file: path, mapping: decoder.mapping.name, mappingRecognised: options.mappingName == nil)
        let rejects = RejectSink(target: options.rejectFile ?? path + ".rejects.csv")
        defer { rejects.close() }
        let source: CSVWindowSource
        do {
            source = try CSVWindowSource(path: path, fileName: path, offset: header.consumedBytes, firstLine: header.nextLine,
                                         windowBytes: options.windowBytes, hashing: options.computeDigest)
        } catch let e as CSVError { throw SurveyInputError.syntax(e) }
        let threads = max(1, options.threads)
        // One decoder per worker thread, kept across windows so each keeps its cache of answers already matched.
        var decoders = Array(repeating: decoder, count: threads)
        // The window decoded last, not yet settled: it is settled on this thread while the next window decodes on
        // others, so a slow `settle` (an import's inserts) and the decoding overlap. Settling stays in file order.
        var decoded: [(Result, PieceReplay)] = []
        while true {
            let pieces: [CSVPiece]
            do {
                guard let next = try source.nextPieces(threads == 1 ? 1 : threads * Self.piecesPerThread, threads: threads) else { break }
                pieces = next
            } catch let e as CSVError {
                // An error in the file before this window's is the one to report.
                for (result, replay) in decoded { try settle(result, replay, &report, rejects) }
                throw SurveyInputError.syntax(e)
            }
            var earlier = decoded
            decoded = []
            decoded = try decodeWindow(pieces, of: source, path: path, decoders: &decoders, threads: threads,
                                       hashing: options.computeDigest, skipInvalid: options.skipInvalid, decode: decode) {
                for (result, replay) in earlier { try settle(result, replay, &report, rejects) }
                // The settled window's buffer is free (its replays dropped, so it is not copied): read the next
                // window into it while this one decodes.
                earlier = []
                source.readAhead()
            }
        }
        for (result, replay) in decoded { try settle(result, replay, &report, rejects) }
        report.sha256 = source.digestHex()
        return report
    }

    /// Decodes one window's pieces in parallel (hashing its new bytes beside them) while the calling thread runs
    /// `alongside`; returns each piece's result with the means to read it again, in file order.
    private static func decodeWindow<Result>(
        _ pieces: [CSVPiece], of source: CSVWindowSource, path: String, decoders: inout [SurveyDecoder], threads: Int,
        hashing: Bool, skipInvalid: Bool,
        decode: (CSVReader, inout SurveyDecoder) -> Result,
        alongside: () throws -> Void
    ) throws -> [(Result, PieceReplay)] {
        let window = source.window
        var results = [Result?](repeating: nil, count: pieces.count)
        let jobs = pieces.count + (hashing ? 1 : 0)
        try results.withUnsafeMutableBufferPointer { out in
            try decoders.withUnsafeMutableBufferPointer { slots in
                try ParallelWork.forEach(jobs, threads: threads, alongside: alongside) { i, worker in
                    if i == pieces.count { source.hashNewBytes(); return }
                    let reader = CSVReader(window: window, range: pieces[i].range, firstLine: pieces[i].firstLine, name: path)
                    out[i] = decode(reader, &slots[worker])
                }
            }
        }
        return pieces.indices.map { i in
            // Any decoder reads a piece the same way; their caches only save time.
            (results[i]!, PieceReplay(window: window, piece: pieces[i], path: path, decoder: decoders[0], skipInvalid: skipInvalid))
        }
    }

    /// Reads a piece's records through `body`, exactly as the single-threaded loop did: a bad row is a reject with
    /// `skipInvalid`, otherwise it stops the piece; broken quoting always stops it (the record boundary is lost).
    static func decodePiece(_ reader: CSVReader, decoder: inout SurveyDecoder, skipInvalid: Bool, ledger: inout PieceLedger,
                            _ body: (DecodedRow, Int, CSVRecord, _ rejectsBefore: Int) throws -> Void) {
        var record = CSVRecord()
        while true {
            do {
                guard try reader.next(into: &record) else { return }
            } catch let e as CSVError {
                ledger.stop = SurveyInputError.syntax(e)
                return
            } catch {
                ledger.stop = error
                return
            }
            do {
                let row = try decoder.decode(record)
                if case .blank = row { continue }
                try body(row, record.line, record, ledger.rejects.count)
                ledger.rows += 1
                if case .refusal = row { ledger.refusals += 1 } else { ledger.responses += 1 }
            } catch let error as SurveyInputError where skipInvalid {
                ledger.rows += 1
                ledger.rejected += 1
                ledger.rejects.append(rejectFields(error, firstField: record.count > 0 ? record.string(0) : ""))
            } catch {
                ledger.stop = error
                return
            }
        }
    }

    /// A reject file's row for `error`.
    static func rejectFields(_ error: SurveyInputError, firstField: String) -> [String] {
        let place = error.location
        return [String(place.line), String(place.column), place.columnName, place.value, place.reason, firstField]
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

/// What reading one piece found, in file order.
struct PieceLedger {
    var rows = 0
    var responses = 0
    var refusals = 0
    var rejected = 0
    /// Reject file rows, in file order.
    var rejects: [[String]] = []
    /// The error that stopped the piece (rows after it are not read).
    var stop: Error?
}

extension SurveyFileReport {
    mutating func add(_ ledger: PieceLedger) {
        rows += ledger.rows
        responses += ledger.responses
        refusals += ledger.refusals
        rejected += ledger.rejected
    }
}

/// The reject file, created at the first reject (a file with none gets none).
final class RejectSink {
    private let target: String
    private var writer: CSVWriter?

    init(target: String) { self.target = target }

    func write(_ fields: [String], report: inout SurveyFileReport) throws {
        if writer == nil {
            writer = try CSVWriter(path: target)
            try writer?.write(["line", "column", "column_name", "value", "reason", "response_id"])
            report.rejectFile = target
        }
        try writer?.write(fields)
    }

    func close() { try? writer?.close() }
}

/// Reads one piece of a window again on the calling thread, through a body that sees what came before it.
struct PieceReplay {
    let window: [UInt8]
    let piece: CSVPiece
    let path: String
    var decoder: SurveyDecoder
    let skipInvalid: Bool

    func run(_ body: (DecodedRow, Int) throws -> Void) -> PieceLedger {
        let reader = CSVReader(window: window, range: piece.range, firstLine: piece.firstLine, name: path)
        var decoder = decoder
        var ledger = PieceLedger()
        SurveyFileReader.decodePiece(reader, decoder: &decoder, skipInvalid: skipInvalid, ledger: &ledger) { row, line, _, _ in
            try body(row, line)
        }
        return ledger
    }
}
