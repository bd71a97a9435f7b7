/// Why a cron expression was rejected: the field, the 1-based character position in the expression, and the reason.
public struct CronParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var expression: String
    /// Nil when the fault is the expression as a whole (field count, unknown @macro).
    public var field: CronField?
    /// 1-based character position in `expression`.
    public var position: Int
    public var reason: Reason

    public init(expression: String, field: CronField?, position: Int, reason: Reason) {
        self.expression = expression
        self.field = field
        self.position = position
        self.reason = reason
    }

    /// What is wrong at the position.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        case wrongFieldCount(Int)
        case unknownMacro(String)
        /// A value was expected (a list item is empty, or a range or step has no end).
        case expectedValue
        case unexpectedCharacter(Character)
        case outOfRange(value: Int, range: ClosedRange<Int>)
        /// A word that is not a name this field accepts.
        case unknownName(String)
        case backwardsRange(from: Int, to: Int)
        case zeroStep
        /// A step after a single value, such as `5/15` (write `5-59/15`).
        case stepWithoutRange

        public var description: String {
            switch self {
            case let .wrongFieldCount(n):
                "expected 5 fields (minute hour day-of-month month day-of-week) or an @macro, found \(n)"
            case let .unknownMacro(m):
                "unknown macro \(m) (use @hourly, @daily, @weekly, @monthly or @yearly)"
            case .expectedValue: "expected a number, a name or *"
            case let .unexpectedCharacter(c): "unexpected character '\(c)'"
            case let .outOfRange(value, range): "\(value) is outside \(range.lowerBound)-\(range.upperBound)"
            case let .unknownName(name): "'\(name)' is not a name this field accepts"
            case let .backwardsRange(from, to): "range \(from)-\(to) runs backwards"
            case .zeroStep: "a step must be 1 or more"
            case .stepWithoutRange: "a step needs a range or * before it (write e.g. 5-59/15, not 5/15)"
            }
        }
    }

    public var description: String {
        let place = field.map { "\($0) field, position \(position)" } ?? "position \(position)"
        return "cron expression '\(expression)': \(place): \(reason)"
    }
}
