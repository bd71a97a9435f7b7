import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a CSV file: its fields unescaped into one buffer, and where it started.
public struct CSVRecord {
    /// The unescaped bytes of every field, back to back.
    public internal(set) var bytes: [UInt8] = []
    /// The end offset in `bytes` of each field.
    public internal(set) var ends: [Int] = []
    /// The file line (1-based) the record starts on.
    public internal(set) var line = 0
    /// Whether any byte of the record is outside ASCII (UTF-8 then needs checking).
    public internal(set) var hasNonASCII = false

    public init() {}

    public var count: Int { ends.count }

    /// The byte range of field `i` within `bytes`.
    public func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

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
        ends.removeAll(keepingCapacity: true)
        self.line = line
        hasNonASCII = false
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
        var inQuotes = false
        var afterQuote = false     // just closed a quoted field
        var fieldStart = true
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
                defer { position = p }
                while p < end {
                    anyByte = true
                    if inQuotes {
                        // Copy the run up to the next quote in one go (fields are long: wordings).
                        let run = ByteScan.quotedRun(buf, from: p, to: end)
                        let q = run.end
                        line += run.lineFeeds
                        if run.nonASCII { high = 0x80 }
                        if q > p { record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[p..<q])) }
                        p = q
                        if p < end {
                            p += 1
                            inQuotes = false
                            afterQuote = true
                        }
                        continue
                    }
                    let b = buf[p]
                    p += 1
                    if afterQuote {
                        afterQuote = false
                        if b == 0x22 {             // "" inside quotes: a literal quote
                            record.bytes.append(b)
                            inQuotes = true
                            continue
                        }
                        if b != 0x2C && b != 0x0A && b != 0x0D {
                            throw CSVError(file: fileName, line: line, column: record.ends.count + 1,
                                           message: "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
                        }
                    }
                    switch b {
                    case 0x2C:                     // ,
                        record.ends.append(record.bytes.count)
                        fieldStart = true
                    case 0x0A:                     // LF ends the record
                        record.ends.append(record.bytes.count)
                        line += 1
                        return true
                    case 0x0D:                     // CR of a CRLF line end (a lone CR is not a line end)
                        continue
                    case 0x22:
                        if fieldStart {
                            inQuotes = true
                            fieldStart = false
                        } else {
                            throw CSVError(file: fileName, line: line, column: record.ends.count + 1,
                                           message: "a quote (\") inside an unquoted field; quote the whole field and double the quote")
                        }
                    default:
                        // An unquoted run: copy it up to the next delimiter, quote or line end at once.
                        fieldStart = false
                        high |= b
                        let run = ByteScan.unquotedRun(buf, from: p, to: end)
                        let q = run.end
                        if run.nonASCII { high = 0x80 }
                        record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[(p - 1)..<q]))
                        p = q
                    }
                }
                return false
            }
            if done {
                record.hasNonASCII = high & 0x80 != 0
                return true
            }
        }
        if inQuotes {
            throw CSVError(file: fileName, line: record.line, column: record.ends.count + 1,
                           message: "a quoted field is never closed (missing \" before the end of the file)")
        }
        guard anyByte else { return false }
        record.ends.append(record.bytes.count)
        record.hasNonASCII = high & 0x80 != 0
        return true
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
