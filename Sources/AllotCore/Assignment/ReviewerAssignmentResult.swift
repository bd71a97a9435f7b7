/// The outcome of an assignment: every assignment held after it, what it added and dropped, and the loads.
public struct ReviewerAssignmentResult: Sendable, Hashable, Codable {
    /// Kept and new assignments, sorted by proposal then reviewer.
    public var assignments: [ReviewAssignment]
    /// The assignments this run added, sorted.
    public var added: [ReviewAssignment]
    /// Existing assignments not kept (unknown proposal or reviewer, or now conflicted), sorted.
    public var dropped: [DroppedAssignment]
    /// Reviews held per reviewer id, every reviewer listed.
    public var loads: [String: Int]
    /// The largest load (0 with no reviewers).
    public var maxLoad: Int
    /// The sum of squared loads: the balance measure minimised after the largest load.
    public var sumOfSquares: Int

    public init(assignments: [ReviewAssignment], added: [ReviewAssignment], dropped: [DroppedAssignment], loads: [String: Int]) {
        self.assignments = assignments
        self.added = added
        self.dropped = dropped
        self.loads = loads
        maxLoad = loads.values.max() ?? 0
        sumOfSquares = loads.values.reduce(0) { $0 + $1 * $1 }
    }
}
