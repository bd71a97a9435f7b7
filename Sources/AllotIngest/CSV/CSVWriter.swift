import Foundation

/// Writes RFC 4180 CSV to a file through a buffer (quotes a field only when it needs it).
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public let path: String

    /// Creates (or truncates) `path`.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CSVError(file: path, line: 0, column: 0, message: "cannot create the file")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CSVError(file: path, line: 0, column: 0, message: "cannot open the file for writing")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends one record.
    public func write(_ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            Self.append(field, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    /// `field` as a CSV field.
    public static func append(_ field: String, to out: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if !needsQuotes { out.append(contentsOf: field.utf8); return }
        out.append(UInt8(ascii: "\""))
        for b in field.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
