/// A run was asked for while one of the same round is in progress.
public struct RunConflict: Error, Sendable, CustomStringConvertible {
    public let round: String
    public var description: String { "a run of round \(round) is in progress; wait for it to finish" }
}
