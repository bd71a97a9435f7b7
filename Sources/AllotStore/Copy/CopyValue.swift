import Crypto
import Foundation
import GRDB
import PostgresNIO

/// How a PostgreSQL column's values are carried over from SQLite, and compared on both sides.
enum CopyKind: Sendable, Equatable {
    case integer, real, text, bytes, boolean, time

    /// The kind of a column of information_schema `data_type`; nil for a type the copy does not convert.
    init?(postgresType: String) {
        switch postgresType {
        case "bigint", "integer", "smallint": self = .integer
        case "double precision", "real", "numeric": self = .real
        case "text", "character varying", "character": self = .text
        case "bytea": self = .bytes
        case "boolean": self = .boolean
        case "timestamp with time zone": self = .time
        default: return nil
        }
    }
}

/// One value in the form both stores are compared in: what SQLite held, converted to its PostgreSQL column's kind.
enum CopyValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])
    case boolean(Bool)
    /// Whole microseconds since 1970 (PostgreSQL keeps microseconds; SQLite keeps REAL seconds).
    case time(Int64)

    /// SQLite's `value` as a column of `kind`: REAL or INTEGER seconds for a time, 0 or 1 for a boolean. Throws the
    /// reason when it does not fit.
    init(sqlite value: DatabaseValue, as kind: CopyKind) throws(CopyValueError) {
        switch (value.storage, kind) {
        case (.null, _): self = .null
        case let (.int64(v), .integer): self = .integer(v)
        case let (.double(v), .integer):
            guard let exact = Int64(exactly: v) else { throw CopyValueError("\(v) is not a whole number") }
            self = .integer(exact)
        case let (.int64(v), .real): self = .real(Double(v))
        case let (.double(v), .real): self = .real(v)
        case let (.string(v), .text): self = .text(v)
        case let (.int64(v), .text): self = .text(String(v))
        case let (.blob(v), .text):
            guard let text = String(validating: Array(v), as: UTF8.self) else { throw CopyValueError("a BLOB that is not UTF-8 text") }
            self = .text(text)
        case let (.blob(v), .bytes): self = .bytes(Array(v))
        case let (.string(v), .bytes): self = .bytes(Array(v.utf8))
        case let (.int64(v), .boolean):
            guard v == 0 || v == 1 else { throw CopyValueError("\(v) is not 0 or 1") }
            self = .boolean(v == 1)
        case let (.int64(v), .time): self = .time(v.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : v * 1_000_000)
        case let (.double(v), .time):
            guard v.isFinite, let micro = Int64(exactly: (v * 1_000_000).rounded()) else { throw CopyValueError("\(v) is not a time in seconds") }
            self = .time(micro)
        case let (.string(v), .time):
            // The survey tables keep ISO 8601 text (`survey.created_at`, `survey_import.imported_at`).
            guard let date = Self.iso8601(v) else { throw CopyValueError("'\(v)' is not an ISO 8601 time") }
            self = .time(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
        case let (storage, kind): throw CopyValueError("a \(Self.sqliteName(storage)) where a \(kind) is expected")
        }
    }

    /// An ISO 8601 time with or without fractional seconds.
    private static func iso8601(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    private static func sqliteName(_ storage: DatabaseValue.Storage) -> String {
        switch storage {
        case .null: "NULL"
        case .int64: "INTEGER"
        case .double: "REAL"
        case .string: "TEXT"
        case .blob: "BLOB"
        }
    }

    /// Appends the value to a statement's bindings (NULL typed as its kind, so PostgreSQL infers nothing).
    func bind(into bindings: inout PostgresBindings, as kind: CopyKind) {
        switch (self, kind) {
        case let (.integer(v), _): bindings.append(v)
        case let (.real(v), _): bindings.append(v)
        case let (.text(v), _): bindings.append(v)
        case let (.bytes(v), _): bindings.append(ByteBuffer(bytes: v))
        case let (.boolean(v), _): bindings.append(v)
        case let (.time(v), _): bindings.append(CopyTime(unixMicroseconds: v))
        case (.null, .integer): bindings.append(Int64?.none)
        case (.null, .real): bindings.append(Double?.none)
        case (.null, .text): bindings.append(String?.none)
        case (.null, .bytes): bindings.append(ByteBuffer?.none)
        case (.null, .boolean): bindings.append(Bool?.none)
        case (.null, .time): bindings.append(CopyTime?.none)
        }
    }

    /// Reads a cell the copy selected as `CopyKind.selectExpression` gives it.
    init(postgres cell: PostgresCell, as kind: CopyKind) throws {
        switch kind {
        case .integer: self = try cell.decode(Int64?.self).map(CopyValue.integer) ?? .null
        case .real: self = try cell.decode(Double?.self).map(CopyValue.real) ?? .null
        case .text: self = try cell.decode(String?.self).map(CopyValue.text) ?? .null
        case .bytes: self = try cell.decode(ByteBuffer?.self).map { CopyValue.bytes(Array($0.readableBytesView)) } ?? .null
        case .boolean: self = try cell.decode(Bool?.self).map(CopyValue.boolean) ?? .null
        case .time: self = try cell.decode(CopyTime?.self).map { CopyValue.time($0.unixMicroseconds) } ?? .null
        }
    }

    /// Feeds the value to a table's checksum: a tag, then a fixed-width or length-prefixed payload, so no two
    /// different rows feed the same bytes.
    func feed(_ hash: inout SHA256) {
        func word(_ v: UInt64) { withUnsafeBytes(of: v.bigEndian) { hash.update(bufferPointer: $0) } }
        func bytes(_ tag: UInt8, _ b: some Collection<UInt8>) {
            hash.update(data: [tag])
            word(UInt64(b.count))
            hash.update(data: Array(b))
        }
        switch self {
        case .null: hash.update(data: [0])
        case let .integer(v): hash.update(data: [1]); word(UInt64(bitPattern: v))
        case let .real(v): hash.update(data: [2]); word(v.bitPattern)
        case let .text(v): bytes(3, v.utf8)
        case let .bytes(v): bytes(4, v)
        case let .boolean(v): hash.update(data: [5, v ? 1 : 0])
        case let .time(v): hash.update(data: [6]); word(UInt64(bitPattern: v))
        }
    }
}

/// Why one SQLite value does not fit its PostgreSQL column.
struct CopyValueError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A TIMESTAMPTZ as whole microseconds, bound and read exactly (the store's `PostgresTime` goes through `Date`, a
/// `Double`, which is exact to the microsecond only after rounding; a copy compares bits).
struct CopyTime: Sendable, PostgresNonThrowingEncodable, PostgresDecodable {
    let unixMicroseconds: Int64

    init(unixMicroseconds: Int64) { self.unixMicroseconds = unixMicroseconds }

    /// PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix microseconds.
    static let epoch: Int64 = 946_684_800_000_000

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(unixMicroseconds &- Self.epoch)
    }

    init<JSONDecoder: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                           context: PostgresDecodingContext<JSONDecoder>) throws {
        guard type == .timestamptz, format == .binary, let microseconds = buffer.readInteger(as: Int64.self) else {
            throw PostgresDecodingError.Code.failure
        }
        unixMicroseconds = microseconds &+ Self.epoch
    }
}
