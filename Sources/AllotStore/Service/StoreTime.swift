import Foundation
import GRDB

/// Times are stored as REAL Unix seconds.
enum StoreTime {
    static func value(_ date: Date?) -> Double? { date?.timeIntervalSince1970 }
    static func date(_ seconds: Double?) -> Date? { seconds.map { Date(timeIntervalSince1970: $0) } }
    static func date(_ row: Row, _ column: String) -> Date? { date(row[column] as Double?) }
    static func required(_ row: Row, _ column: String) -> Date { Date(timeIntervalSince1970: row[column] as Double? ?? 0) }
}
