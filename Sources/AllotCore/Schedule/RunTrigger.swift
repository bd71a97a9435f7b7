/// What made a round run. Encoded as one string: `survey-closed:<id>`, `schedule` or `manual`.
public enum RunTrigger: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A survey the round draws on closed.
    case surveyClosed(String)
    /// A fire time of the round's cron schedule came.
    case schedule
    /// Someone asked for the run.
    case manual

    public var description: String {
        switch self {
        case let .surveyClosed(id): "survey \(id) closed"
        case .schedule: "schedule"
        case .manual: "manual"
        }
    }

    /// Survey closes (by survey id) first, then the schedule, then manual runs.
    public static func < (a: RunTrigger, b: RunTrigger) -> Bool {
        switch (a, b) {
        case let (.surveyClosed(x), .surveyClosed(y)): x < y
        default: a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .surveyClosed: 0
        case .schedule: 1
        case .manual: 2
        }
    }
}

extension RunTrigger: Codable {
    private static let surveyPrefix = "survey-closed:"

    /// The trigger's one-string form.
    public var code: String {
        switch self {
        case let .surveyClosed(id): Self.surveyPrefix + id
        case .schedule: "schedule"
        case .manual: "manual"
        }
    }

    /// Reads the one-string form; nil for anything else.
    public init?(code: String) {
        if code.hasPrefix(Self.surveyPrefix) {
            self = .surveyClosed(String(code.dropFirst(Self.surveyPrefix.count)))
        } else if code == "schedule" {
            self = .schedule
        } else if code == "manual" {
            self = .manual
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let trigger = RunTrigger(code: code) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown run trigger '\(code)'")
        }
        self = trigger
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
