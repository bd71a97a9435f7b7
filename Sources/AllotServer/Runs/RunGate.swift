/// Keeps two runs of one round from overlapping: a round is claimed before its run and released after.
actor RunGate {
    private var inFlight: Set<String> = []

    /// True when `round` was free and is now claimed.
    func claim(_ round: String) -> Bool { inFlight.insert(round).inserted }

    /// Frees `round`.
    func release(_ round: String) { inFlight.remove(round) }

    /// Whether a run of `round` is in progress.
    func isRunning(_ round: String) -> Bool { inFlight.contains(round) }
}

/// A run was asked for while one of the same round is in progress.
public struct RunConflict: Error, Sendable, CustomStringConvertible {
    public let round: String
    public var description: String { "a run of round \(round) is in progress; wait for it to finish" }
}
