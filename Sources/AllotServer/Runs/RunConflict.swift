/// Keeps two runs of one round in this process from overlapping. The store's lease keeps instances apart, but its holder
/// is this instance, and a holder may take its own lease again: two runs asked of one instance at once both would.
actor RunGate {
    private var inFlight: Set<String> = []

    /// True when `round` was free in this process and is now claimed.
    func claim(_ round: String) -> Bool { inFlight.insert(round).inserted }

    /// Frees `round`.
    func release(_ round: String) { inFlight.remove(round) }
}

/// A run was asked for while one of the same round is in progress.
public struct RunConflict: Error, Sendable, CustomStringConvertible {
    public let round: String
    public var description: String { "a run of round \(round) is in progress; wait for it to finish" }
}

/// A scheduled run found, once its round's lease was held, that it had already been made (by another instance).
public struct RunNoLongerDue: Error, Sendable, CustomStringConvertible {
    public let round: String
    public var description: String { "the scheduled run of round \(round) was already made by another instance" }
}
