/// The ranges every amount, count and text accepted from outside (API, command line, round and proposal files) must
/// lie in. They are checked where the value enters, and again at the solver's and the assignment's entry points, so
/// nothing CBC/Clp cannot take (Clp aborts the process on bounds near 1e100) or that overflows an `Int` sum ever
/// reaches them. docs/server.md and docs/openapi.json state the same figures.
public enum InputLimits {
    /// The largest amount in pounds (budgets, requests, minimum awards, applicant caps, decision amounts):
    /// GBP 1e12. Far above any grant round, and small enough that an amount keeps its pence exactly in a Double and
    /// the solver's coefficients stay well inside what it can represent.
    public static let maxPounds = 1e12
    /// The most reviews one proposal can be asked for (`reviews_per_proposal`).
    public static let maxReviewsPerProposal = 100
    /// The largest `minimum_reviews` a round can ask for.
    public static let maxMinimumReviews = 100
    /// The largest `hours_per_participant` of a proposal.
    public static let maxHoursPerParticipant = 10_000.0
    /// The largest count in a supply file (participants, sessions, headcount, reach and theme counts), so sums over
    /// any number of rows stay far from overflowing.
    public static let maxSupplyCount = 999_999_999
    /// The largest hours figure in a supply file.
    public static let maxSupplyHours = 1e12
    /// The largest magnitude of either end of a score scale.
    public static let maxScoreScale = 1_000_000.0
    /// The largest criterion weight.
    public static let maxWeight = 1_000_000.0

    /// Longest names and ids (round names, reviewer names, provider and applicant names), in characters.
    public static let maxNameLength = 200
    /// Longest titles, in characters.
    public static let maxTitleLength = 500
    /// Longest free texts (review comments, decision reasons), in characters.
    public static let maxCommentLength = 10_000

    /// Whether `x` is a finite amount above 0 and at most `maxPounds`.
    public static func isPounds(_ x: Double) -> Bool { x.isFinite && x > 0 && x <= maxPounds }

    /// "above 0 and at most 1,000,000,000,000", for messages.
    public static var poundsRange: String { "a finite amount above 0 and at most \(Int(maxPounds)) pounds" }
}
