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
