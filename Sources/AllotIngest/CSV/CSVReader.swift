import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a CSV file: its bytes as the file has them, where each field's text lies among them, and the line
/// the record started on.
///
/// The bytes are copied once a record (or once a read chunk); each field is a range of them, the quotes of a quoted
/// field left outside it. Only a field that held a doubled quote ("") or a stray carriage return is rewritten in
/// place, shorter. The reader used to copy every field on its own into a buffer of unescaped bytes; the reader, that
/// copying included, was a fifth of a million-row survey read, the copying (appends and `memmove`) about 8%.
public struct CSVRecord {
    /// The record's bytes; field `i` is `bytes[range(i)]`.
    public internal(set) var bytes: [UInt8] = []
    /// Where each field starts and ends in `bytes`.
    public internal(set) var starts: [Int] = []
    public internal(set) var ends: [Int] = []
    /// The file line (1-based) the record starts on.
    public internal(set) var line = 0
    /// Whether any byte of the record is outside ASCII (UTF-8 then needs checking).
    public internal(set) var hasNonASCII = false
    /// Fields to rewrite once the record's bytes are all in (`clean`), and whether each was quoted.
    private var unclean: [(field: Int, quoted: Bool)] = []

    public init() {}

    public var count: Int { ends.count }

    /// The byte range of field `i` within `bytes`.
    public func range(_ i: Int) -> Range<Int> { starts[i]..<ends[i] }

    /// Field `i` as a string (invalid UTF-8 is repaired; call `invalidUTF8Field()` first to reject it).
    public func string(_ i: Int) -> String {
        guard i < ends.count else { return "" }
        return String(decoding: bytes[range(i)], as: UTF8.self)
    }

    /// Whether field `i` is empty or only spaces.
    public func isBlank(_ i: Int) -> Bool {
        guard i < ends.count else { return true }
        for b in bytes[range(i)] where b != 0x20 && b != 0x09 { return false }
        return true
    }

    /// The index of the first field that is not valid UTF-8, if any.
    public func invalidUTF8Field() -> Int? {
        guard hasNonASCII else { return nil }
        for i in 0..<ends.count {
            let slice = bytes[range(i)]
            if String(validating: slice, as: UTF8.self) == nil { return i }
        }
        return nil
    }

    mutating func reset(line: Int) {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        unclean.removeAll(keepingCapacity: true)
        self.line = line
        hasNonASCII = false
    }

    /// Ends a field whose text is `bytes[start..<end]` (offsets in the record, bytes perhaps not copied in yet), to be
    /// rewritten by `finish` when it holds doubled quotes (quoted) or carriage returns (unquoted).
    @inline(__always)
    mutating func addField(_ start: Int, _ end: Int, rewrite: Bool, quoted: Bool) {
        if rewrite { unclean.append((ends.count, quoted)) }
        starts.append(start)
        ends.append(end)
    }

    /// Rewrites the fields that need it, once every byte of the record is in `bytes`.
    mutating func finish(nonASCII: Bool) {
        hasNonASCII = nonASCII
        for (field, quoted) in unclean { clean(field, quoted: quoted) }
    }

    /// Rewrites field `i` in place: a quoted field's doubled quotes become one, an unquoted field loses its carriage
    /// returns (a lone CR is not a line end, and the reader has always dropped it).
    private mutating func clean(_ i: Int, quoted: Bool) {
        let start = starts[i], end = ends[i]
        let written = bytes.withUnsafeMutableBufferPointer { b -> Int in
            var w = start, r = start
            while r < end {
                let c = b[r]
                if quoted {
                    b[w] = c
                    w += 1
                    r += c == 0x22 ? 2 : 1
                } else {
                    if c != 0x0D { b[w] = c; w += 1 }
                    r += 1
                }
            }
            return w
        }
        ends[i] = written
    }
}

/// A CSV syntax error at a place in a file.
public struct CSVError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// 1-based field number.
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A streaming RFC 4180 reader over a file or bytes: reads in 1 MiB chunks, never the whole file.
///
/// Hand-written rather than a package (CSV.swift, SwiftCSV): those build a `String` per field, which
/// on a 1,000,000-response export took most of the time budget; this reader copies bytes once and
/// lets the decoder look answers up by their bytes (see `BytesLookup`). Accepts CRLF or LF, skips a
/// UTF-8 byte-order mark, and rejects UTF-16 files and broken quoting with the line and field.
public final class CSVReader {
    public let fileName: String
    private var fd: Int32 = -1
    private var chunk: [UInt8]
    private var chunkCount = 0
    private var position = 0
    private var atEOF = false
    private var line = 1
    private var started = false
    private var source: [UInt8]?

    private var hasher: SHA256?

    /// Bytes read so far, for progress reports.
    public private(set) var bytesRead = 0

    /// Opens `path` for streaming.
    public init(path: String, displayName: String? = nil, chunkSize: Int = 1 << 20, computeDigest: Bool = false) throws {
        fileName = displayName ?? path
        if computeDigest { hasher = SHA256() }
        chunk = [UInt8](repeating: 0, count: chunkSize)
        fd = open(path, O_RDONLY)
        if fd < 0 {
            throw CSVError(file: fileName, line: 0, column: 0, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads from memory (tests, uploads).
    public init(bytes: [UInt8], name: String) {
        fileName = name
        chunk = []
        source = bytes
    }

    /// Reads the records of `window[range]`, a piece of a file that starts at a record boundary on file line
    /// `firstLine` (the parallel survey reader's pieces). The window is shared, not copied; no byte-order mark is
    /// looked for, since a piece never starts the file.
    init(window: [UInt8], range: Range<Int>, firstLine: Int, name: String) {
        fileName = name
        chunk = window
        position = range.lowerBound
        chunkCount = range.upperBound
        atEOF = true
        started = true
        line = firstLine
    }

    /// How many bytes of the file the records returned so far took, the line ends after them included
    /// (where the data rows start once the header row has been read).
    var consumedBytes: Int { bytesRead - (chunkCount - position) }

    /// The file line the next record starts on.
    var nextLine: Int { line }

    /// The SHA-256 of the bytes read so far (the whole file once `next` has returned false), if asked for.
    public func digestHex() -> String? {
        guard let hasher else { return nil }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    deinit { if fd >= 0 { close(fd) } }

    private func fill() throws {
        if let source {
            // An empty source is at its end at once (it used to be handed over again and again: an upload with an
            // empty body never finished).
            if chunk.isEmpty && !atEOF && !source.isEmpty {
                chunk = source
                chunkCount = source.count
                position = 0
                bytesRead = source.count
                self.source = []
            } else {
                atEOF = true
                chunkCount = 0
                position = 0
            }
            return
        }
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            throw CSVError(file: fileName, line: line, column: 0, message: "read failed: \(String(cString: strerror(errno)))")
        }
        chunkCount = n
        position = 0
        bytesRead += n
        if hasher != nil, n > 0 { chunk.withUnsafeBytes { hasher?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
        if n == 0 { atEOF = true }
    }

    /// Reads the next record into `record`; false at the end of the file.
    public func next(into record: inout CSVRecord) throws -> Bool {
        if !started {
            started = true
            try skipByteOrderMark()
        }
        record.reset(line: line)
        var state = FieldState()
        var anyByte = false
        var high: UInt8 = 0
        while true {
            if position >= chunkCount {
                if atEOF { break }
                try fill()
                if atEOF { break }
            }
            let done: Bool = try chunk.withUnsafeBufferPointer { buf in
                var p = position
                let end = chunkCount
                // The record's bytes from `position` on are copied in when this call ends, so a byte at `i` of this
                // chunk sits at `base + i` in the record.
                let base = record.bytes.count - position
                defer {
                    if p > position { record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[position..<p])) }
                    position = p
                }
                while p < end {
                    anyByte = true
                    if state.inQuotes {
                        // Skip the run up to the next quote in one go (fields are long: wordings).
                        let run = ByteScan.quotedRun(buf, from: p, to: end)
                        line += run.lineFeeds
                        if run.nonASCII { high = 0x80 }
                        p = run.end
                        if p < end {
                            state.closingQuote = base + p
                            p += 1
                            state.inQuotes = false
                            state.afterQuote = true
                        }
                        continue
                    }
                    let b = buf[p]
                    p += 1
                    if state.afterQuote {
                        state.afterQuote = false
                        if b == 0x22 {             // "" inside quotes: a literal quote
                            state.doubledQuote = true
                            state.inQuotes = true
                            continue
                        }
                        if b != 0x2C && b != 0x0A && b != 0x0D {
                            throw CSVError(file: fileName, line: line, column: record.ends.count + 1,
                                           message: "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
                        }
                    }
                    switch b {
                    case 0x2C:                     // ,
                        state.end(&record, at: base + p - 1)
                        state = FieldState(start: base + p)
                    case 0x0A:                     // LF ends the record
                        state.end(&record, at: base + p - 1)
                        line += 1
                        return true
                    case 0x0D:                     // CR of a CRLF line end (a lone CR is not a line end)
                        state.carriageReturn = true
                    case 0x22:
                        if state.atStart {
                            state.inQuotes = true
                            state.quoted = true
                            state.atStart = false
                            state.start = base + p
                        } else {
                            throw CSVError(file: fileName, line: line, column: record.ends.count + 1,
                                           message: "a quote (\") inside an unquoted field; quote the whole field and double the quote")
                        }
                    default:
                        if state.quoted {
                            // Text after a quoted field's closing quote and a carriage return (the reader once added it
                            // to the field).
                            throw CSVError(file: fileName, line: line, column: record.ends.count + 1,
                                           message: "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
                        }
                        // An unquoted run: skip it up to the next delimiter, quote or line end at once.
                        state.atStart = false
                        high |= b
                        let run = ByteScan.unquotedRun(buf, from: p, to: end)
                        if run.nonASCII { high = 0x80 }
                        p = run.end
                    }
                }
                return false
            }
            if done {
                record.finish(nonASCII: high & 0x80 != 0)
                return true
            }
        }
        if state.inQuotes {
            throw CSVError(file: fileName, line: record.line, column: record.ends.count + 1,
                           message: "a quoted field is never closed (missing \" before the end of the file)")
        }
        guard anyByte else { return false }
        state.end(&record, at: record.bytes.count)
        record.finish(nonASCII: high & 0x80 != 0)
        return true
    }

    /// Where the reader is within one field, with offsets in the record's bytes.
    private struct FieldState {
        /// Where the field's text starts: after its opening quote when quoted.
        var start = 0
        /// No byte of the field but carriage returns read yet (a quote here opens a quoted field).
        var atStart = true
        var quoted = false
        var inQuotes = false
        /// Just after a closing quote (another quote makes the pair a literal quote).
        var afterQuote = false
        var closingQuote = 0
        var doubledQuote = false
        var carriageReturn = false

        init(start: Int = 0) { self.start = start }

        /// Adds the field to `record`; `terminator` is the offset of the comma or line feed that ends it.
        @inline(__always)
        func end(_ record: inout CSVRecord, at terminator: Int) {
            record.addField(start, quoted ? closingQuote : terminator, rewrite: quoted ? doubledQuote : carriageReturn, quoted: quoted)
        }
    }

    private func skipByteOrderMark() throws {
        if position >= chunkCount && !atEOF { try fill() }
        guard chunkCount - position >= 2 else { return }
        let b0 = chunk[position], b1 = chunk[position + 1]
        if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) {
            throw CSVError(file: fileName, line: 1, column: 1,
                           message: "the file is UTF-16; save it as CSV UTF-8 and try again")
        }
        if chunkCount - position >= 3, b0 == 0xEF, b1 == 0xBB, chunk[position + 2] == 0xBF {
            position += 3
        }
    }
}
