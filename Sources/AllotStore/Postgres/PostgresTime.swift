import Foundation
import PostgresNIO

/// A time as the PostgreSQL store keeps every time: `TIMESTAMPTZ`, whole microseconds since 2000-01-01 UTC on the
/// wire. (The SQLite store keeps REAL Unix seconds: see `StoreTime`.) Bind and read times through this type, never
/// `Date` directly: postgres-nio's own `Date` encoding truncates to the microsecond, so a time a hair below a whole
/// microsecond (as 0.1 s often is in binary) would come back a microsecond early; this one rounds to the nearest.
/// Whole-second times come back exactly; others within half a microsecond.
struct PostgresTime: Sendable, Equatable, PostgresNonThrowingEncodable, PostgresDecodable {
    let date: Date

    init(_ date: Date) { self.date = date }

    /// PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix seconds.
    static let epoch: TimeInterval = 946_684_800

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        let microseconds = ((date.timeIntervalSince1970 - Self.epoch) * 1_000_000).rounded()
        // Dates beyond ±292,000 years (none the service makes) are clamped rather than trapping.
        byteBuffer.writeInteger(Int64(exactly: microseconds) ?? (microseconds < 0 ? Int64.min + 1 : Int64.max - 1))
    }

    init<JSONDecoder: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                           context: PostgresDecodingContext<JSONDecoder>) throws {
        // TIMESTAMPTZ only, in binary; ±infinity (Int64.min and .max) is no time the service keeps.
        guard type == .timestamptz, format == .binary, buffer.readableBytes == 8, let microseconds = buffer.readInteger(as: Int64.self),
              microseconds != .min, microseconds != .max else {
            throw PostgresDecodingError.Code.failure
        }
        date = Date(timeIntervalSince1970: Self.epoch + Double(microseconds) / 1_000_000)
    }
}

extension Optional where Wrapped == Date {
    /// The time to bind, NULL for nil.
    var postgres: PostgresTime? { map(PostgresTime.init) }
}

extension Date {
    /// The time to bind.
    var postgres: PostgresTime { PostgresTime(self) }
}
