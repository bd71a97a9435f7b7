import AllotCore
import Foundation

/// How the pages write numbers, money, shares and times: one format each, as the text output does.
enum PageFormat {
    static func money(_ amount: Double?) -> String { amount.map(Money.text) ?? "–" }

    /// A 0-1 share as a whole percentage ("62%").
    static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "–" }
        return "\(Int((share * 100).rounded()))%"
    }

    /// A figure with `places` decimals.
    static func number(_ value: Double?, places: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(places)f", value)
    }

    /// Hours, whole, with thousands separators.
    static func hours(_ value: Double) -> String { Money.text(value).replacingOccurrences(of: "£", with: "") }

    /// "3 December 2026, 14:05 UTC": a time as a panel reads it (UK order, 24-hour clock, the zone said).
    static func time(_ date: Date?) -> String {
        guard let date else { return "–" }
        return formatter.string(from: date) + " UTC"
    }

    private static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMMM yyyy, HH:mm"
        return f
    }()

    /// A criterion's name in words: `need_alignment` -> "Need alignment".
    static func criterion(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
