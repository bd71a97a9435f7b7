import AllotStore
import Foundation

/// Makes the activity-log entries that controllers hand to the store with their change.
enum Activity {
    /// The actor of a change made by the daemon itself (a scheduled run, say) rather than a person's token.
    static let daemon = "allot"

    /// One entry by `identity` (or the daemon), with the thing before and after as sorted-key JSON.
    static func entry(_ action: ActivityAction, by identity: Identity?, at: Date, round: String? = nil, subject: String, summary: String,
                      before: (any Encodable)? = nil, after: (any Encodable)? = nil) throws -> ActivityEntry {
        ActivityEntry(at: at, actor: identity?.auditName ?? daemon, action: action, round: round, subject: subject, summary: summary,
                      before: try before.flatMap { try ActivityEntry.json($0) }, after: try after.flatMap { try ActivityEntry.json($0) })
    }
}
