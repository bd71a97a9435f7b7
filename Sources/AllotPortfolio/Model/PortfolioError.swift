/// Why no portfolio could be recommended.
public enum PortfolioError: Error, Sendable, Hashable {
    /// The input breaks the model's rules; one message per problem found.
    case invalidProblem([String])
    /// No portfolio meets the round's constraints; the constraints that cannot be met together, by name.
    case infeasible([InfeasibleConstraint])
    /// CBC stopped without any portfolio (time limit before a first solution, or numerical trouble).
    case solverFailed(String)
}

/// A constraint that cannot be met, and by how much.
public struct InfeasibleConstraint: Sendable, Hashable {
    /// The constraint's name as in `ConstraintReport` (`group_floor:asn`, `ric_reach:tayside`, `group_floors:total`).
    public var name: String
    /// What the round requires (pounds for floors, projects for reach).
    public var required: Double
    /// The most that can be achieved while `conflictsWith` hold (and always the budget, minimum awards and caps).
    public var achievable: Double
    /// Other constraints that together with this one make the round infeasible; empty when it fails on its own.
    public var conflictsWith: [String]
    /// One sentence for the panel.
    public var explanation: String

    /// How far short the round falls: required - achievable.
    public var shortfall: Double { required - achievable }

    /// An infeasible constraint from its parts.
    public init(name: String, required: Double, achievable: Double, conflictsWith: [String], explanation: String) {
        self.name = name
        self.required = required
        self.achievable = achievable
        self.conflictsWith = conflictsWith
        self.explanation = explanation
    }
}

extension PortfolioError: CustomStringConvertible {
    /// In words, for a run's error, `round.failed` and the what-if page (never Swift's dump of the cases).
    public var description: String {
        switch self {
        case let .invalidProblem(problems): problems.joined(separator: "; ")
        case let .infeasible(constraints): constraints.map(\.explanation).joined(separator: " ")
        case let .solverFailed(why): "the solver stopped without a portfolio: \(why)"
        }
    }
}
