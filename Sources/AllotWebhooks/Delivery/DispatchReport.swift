/// What one dispatch pass did.
public struct DispatchReport: Sendable, Equatable {
    /// Accepted with a 2xx.
    public var delivered = 0
    /// Failed and rescheduled.
    public var retried = 0
    /// Dead-lettered (exhausted or 410).
    public var failed = 0
    /// Withheld from a reviewer's endpoint.
    public var suppressed = 0

    /// An empty report.
    public init() {}

    /// Messages whose attempt (or suppression) was recorded.
    public var total: Int { delivered + retried + failed + suppressed }

    static func + (lhs: DispatchReport, rhs: DispatchReport) -> DispatchReport {
        var sum = lhs
        sum.delivered += rhs.delivered
        sum.retried += rhs.retried
        sum.failed += rhs.failed
        sum.suppressed += rhs.suppressed
        return sum
    }
}
