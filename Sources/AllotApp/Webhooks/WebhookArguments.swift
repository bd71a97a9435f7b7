import AllotStore
import ArgumentParser
import Foundation

/// Parsing and printing shared by the webhooks commands.
enum WebhookArguments {
    /// A full ISO 8601 time, or a date (midnight UTC).
    static func date(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let day = try? Date(text, strategy: .iso8601.year().month().day()) { return day }
        throw ValidationError("\(text) is not an ISO 8601 time such as 2026-11-23T09:00:00Z or 2026-11-23")
    }

    static func state(_ text: String) throws -> MessageState {
        guard let state = MessageState(rawValue: text) else {
            throw ValidationError("state must be one of \(MessageState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return state
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
