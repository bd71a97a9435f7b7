/// A need indicator: a share of responses (beta-binomial shrinkage) or mean hours (normal-normal).
public struct NeedIndicator: Sendable, Hashable {
    /// e.g. `access_difficult`, `barrier:staff-cover`, `priority:pedagogy`.
    public let key: String
    /// What it measures, in words.
    public let label: String

    /// The binary indicators, in tally order; `mean_hours` is kept apart.
    public static let shares: [NeedIndicator] = {
        var list: [NeedIndicator] = [
            .init(key: "access_difficult", label: "found access to professional learning difficult or very difficult"),
            .init(key: "no_suitable_pl", label: "said no suitable professional learning is available"),
            .init(key: "insufficient_choice", label: "said the choice was not sufficient (no / definitely not)"),
            .init(key: "not_confident", label: "not confident delivering STEM learning (disagree / strongly disagree)"),
            .init(key: "remote_rural", label: "work in a remote rural area (6-fold class 6)"),
            .init(key: "simd_q1", label: "work in SIMD quintile 1 (most deprived 20%)"),
        ]
        for (i, code) in Taxonomy.barriers.codes.enumerated() {
            list.append(.init(key: "barrier:\(code)", label: "named the barrier: \(Taxonomy.barriers.label(at: i))"))
        }
        for (i, code) in Taxonomy.priorities.codes.enumerated() {
            list.append(.init(key: "priority:\(code)", label: "named the priority: \(Taxonomy.priorities.label(at: i))"))
        }
        return list
    }()

    public static let meanHours = NeedIndicator(key: "mean_hours", label: "mean hours of STEM professional learning (low = need)")

    /// Positions of the headline shares in `shares`.
    public static let accessDifficult = 0, noSuitable = 1, insufficientChoice = 2, notConfident = 3, remoteRural = 4, simdQ1 = 5
    public static let firstBarrier = 6
    public static let firstPriority = 6 + Taxonomy.barriers.count

    /// The index of a share indicator by key.
    public static func shareIndex(_ key: String) -> Int? { shares.firstIndex { $0.key == key } }

    /// Whether a response answered share indicator `i`, and whether it counts as "yes".
    @inline(__always)
    static func observe(_ i: Int, _ r: SurveyResponse) -> (answered: Bool, yes: Bool) {
        switch i {
        case accessDifficult: guard let v = r.easeOfAccess else { return (false, false) }; return (true, v <= 1)
        case noSuitable: guard let b = r.barriers else { return (false, false) }; return (true, b.contains(4))
        case insufficientChoice: guard let v = r.choiceSufficient else { return (false, false) }; return (true, v <= 1)
        case notConfident: guard let v = r.confidence else { return (false, false) }; return (true, v <= 1)
        case remoteRural: guard let u = r.enrichment?.urbanRural6 else { return (false, false) }; return (true, u == UrbanRural6.remoteRural)
        case simdQ1: guard let q = r.enrichment?.simdQuintile else { return (false, false) }; return (true, q == 1)
        default:
            if i < firstPriority {
                guard let b = r.barriers else { return (false, false) }
                return (true, b.contains(i - firstBarrier))
            }
            guard let p = r.priorities else { return (false, false) }
            return (true, p.contains(i - firstPriority))
        }
    }
}

/// Which share indicators one response answered and which it counts as "yes", as bits in `NeedIndicator.shares` order.
/// Worked out once per response, and the same as `NeedIndicator.observe` for every indicator (a test checks), instead
/// of once per indicator and cell: this was a tenth of a million-row read.
struct NeedObservation: Equatable {
    var answered: UInt64 = 0
    var yes: UInt64 = 0

    private static let barrierBits: UInt64 = (1 << UInt64(Taxonomy.barriers.count)) &- 1
    private static let priorityBits: UInt64 = (1 << UInt64(Taxonomy.priorities.count)) &- 1

    init(_ r: SurveyResponse) {
        func headline(_ i: Int, _ v: Bool?) {
            guard let v else { return }
            answered |= 1 << UInt64(i)
            if v { yes |= 1 << UInt64(i) }
        }
        headline(NeedIndicator.accessDifficult, r.easeOfAccess.map { $0 <= 1 })
        headline(NeedIndicator.noSuitable, r.barriers.map { $0.contains(4) })
        headline(NeedIndicator.insufficientChoice, r.choiceSufficient.map { $0 <= 1 })
        headline(NeedIndicator.notConfident, r.confidence.map { $0 <= 1 })
        headline(NeedIndicator.remoteRural, r.enrichment?.urbanRural6.map { $0 == UrbanRural6.remoteRural })
        headline(NeedIndicator.simdQ1, r.enrichment?.simdQuintile.map { $0 == 1 })
        if let b = r.barriers {
            answered |= Self.barrierBits << UInt64(NeedIndicator.firstBarrier)
            yes |= (b.bits & Self.barrierBits) << UInt64(NeedIndicator.firstBarrier)
        }
        if let p = r.priorities {
            answered |= Self.priorityBits << UInt64(NeedIndicator.firstPriority)
            yes |= (p.bits & Self.priorityBits) << UInt64(NeedIndicator.firstPriority)
        }
    }
}
