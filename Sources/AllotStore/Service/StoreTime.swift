import Foundation
import GRDB

/// Times are stored as REAL Unix seconds.
enum StoreTime {
    static func value(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }
    static func date(_ seconds: Double?) -> Date? { seconds.map { Date(timeIntervalSince1970: $0) } }
    /// An optional time: NULL is nil; anything else that is not a number is a corrupt store (read raw, since GRDB's
    /// typed subscript would trap on a text where a number belongs).
    static func date(_ row: Row, _ column: String, of what: String = "a record") throws -> Date? {
        let value: DatabaseValue = row[column]
        if value.isNull { return nil }
        guard let seconds = Double.fromDatabaseValue(value), seconds.isFinite else { throw ServiceStoreError.corrupt("\(column) of \(what) is not a time") }
        return Date(timeIntervalSince1970: seconds)
    }
    /// A time that must be there: a NULL (or non-number) is a corrupt store, never silently 1970.
    static func required(_ row: Row, _ column: String, of what: String) throws -> Date {
        // Read as a raw value: GRDB's typed subscript would trap on a text where a number belongs.
        let value: DatabaseValue = row[column]
        guard let seconds = Double.fromDatabaseValue(value), seconds.isFinite else { throw ServiceStoreError.corrupt("\(column) of \(what) is not a time") }
        return Date(timeIntervalSince1970: seconds)
    }
}
