/// Scores proposals against the gaps: seven 0-1 components by fixed transforms (never by rank
/// within the round, so adding a proposal never changes another's score), weighted and summed.
public struct ProposalScorer: Sendable {
    public let gaps: GapModel
    public let config: ScoringConfig
    /// [group][council] -> the need row's indicators.
    private let indicators: [[[String: IndicatorEstimate]]]
    private let respondents: [[Int]]
    /// `config.aliases` by applicant key, so an alias applies to every spelling of its applicant; the names of
    /// spellings listed twice are merged in sorted order of the spellings.
    private let aliases: [ApplicantKey: [String]]

    public init(gaps: GapModel, config: ScoringConfig) {
        self.gaps = gaps
        self.config = config
        var ind = Array(repeating: Array(repeating: [String: IndicatorEstimate](), count: Geography.councils.count), count: Taxonomy.learnerGroup.count)
        var resp = Array(repeating: Array(repeating: 0, count: Geography.councils.count), count: Taxonomy.learnerGroup.count)
        for row in gaps.need.rows where row.level == "council" {
            guard let g = row.group.flatMap(Taxonomy.learnerGroup.index(of:)), let c = row.area.flatMap(Geography.councilIndex(gssCode:)) else { continue }
            ind[g][c] = row.indicators
            resp[g][c] = row.responses
        }
        indicators = ind
        respondents = resp
        var byKey: [ApplicantKey: [String]] = [:]
        for applicant in config.aliases.keys.sorted() { byKey[ApplicantKey(applicant), default: []] += config.aliases[applicant] ?? [] }
        aliases = byKey
    }

    /// Scores every proposal and ranks them: score descending, then id, so ties never depend on input order.
    public func rank(_ proposals: [Proposal], panel: [String: PanelResult]) -> [ScoredProposal] {
        var scored = proposals.map { score($0, panel: panel[$0.id]) }
        scored.sort { ($0.score, $1.id) > ($1.score, $0.id) }
        for i in scored.indices { scored[i].rank = i + 1 }
        return scored
    }

    /// 1 - prod(1 - share): the chance a practitioner named at least one of `codes` (treated as independent).
    private func anyShare(_ prefix: String, _ codes: CodeSet, _ book: Codebook, g: Int, c: Int) -> Double {
        var none = 1.0
        for k in codes { none *= 1 - (indicators[g][c]["\(prefix):\(book.code(at: k))"]?.shrunk ?? 0) }
        return codes.isEmpty ? 0 : 1 - none
    }

    public func score(_ p: Proposal, panel: PanelResult?) -> ScoredProposal {
        let reach = ProposalReach(p, practitioners: gaps.practitioners)
        let H = max(reach.totalHours, 1e-9)
        var filledWeighted = 0.0, priority = 0.0, barrier = 0.0, equity = 0.0
        var cells: [CellEvidence] = []
        for (g, c, h) in reach.cells {
            let filled = min(h, gaps.gap[g][c])
            filledWeighted += filled * gaps.needWeight[g][c]
            let ps = anyShare("priority", p.priorities, Taxonomy.priorities, g: g, c: c)
            let bs = anyShare("barrier", p.barriersAddressed, Taxonomy.barriers, g: g, c: c)
            priority += h * ps
            barrier += h * bs
            let underserved = config.underservedGroups.contains(Taxonomy.learnerGroup.code(at: g))
            let place = (indicators[g][c]["remote_rural"]?.shrunk ?? 0) + (indicators[g][c]["simd_q1"]?.shrunk ?? 0)
            equity += h * (underserved ? 1 : min(1, place))
            cells.append(CellEvidence(
                group: Taxonomy.learnerGroup.code(at: g), area: Geography.councils[c].name, hours: r2(h),
                demandHours: r2(gaps.demand[g][c]), suppliedHours: r2(gaps.supplied[g][c]), gapHours: r2(gaps.gap[g][c]),
                filledHours: r2(filled), needIndex: gaps.needIndex[g][c], needWeight: Rounding.round(gaps.needWeight[g][c]),
                respondents: respondents[g][c], priorityShare: Rounding.round(ps), barrierShare: Rounding.round(bs)))
        }
        let needAlignment = filledWeighted / H
        let perPound = filledWeighted / p.requested
        let vfm = perPound / (perPound + config.valueForMoneyHalfPoint)
        let (deliver, record) = deliverability(p)
        let panelValue = panel?.normalised ?? 0.5
        // One case per criterion, no default: a new criterion does not compile until it is given its value here.
        func component(_ criterion: Criterion) -> (Double, String) {
            switch criterion {
            case .needAlignment: (needAlignment, "\(fmt(filledWeighted)) need-weighted gap hours of \(fmt(H)) projected hours")
            case .priorityMatch: (priority / H, p.priorities.isEmpty ? "addresses no listed priority"
                                  : "hours-weighted chance its cells' practitioners named one of its \(p.priorities.count) priorities")
            case .barrierMitigation: (barrier / H, p.barriersAddressed.isEmpty ? "removes no listed barrier"
                                      : "hours-weighted prevalence in its cells of the \(p.barriersAddressed.count) barriers it removes")
            case .equityReach: (equity / H, "share of hours for under-served groups (\(config.underservedGroups.sorted().joined(separator: ", "))), else the cell's remote-rural + SIMD Q1 share")
            case .valueForMoney: (vfm, "\(String(format: "%.4f", perPound)) need-weighted gap hours per pound; v / (v + \(config.valueForMoneyHalfPoint))")
            case .panelQuality: (panelValue, panel.map { "calibrated panel score \(String(format: "%.2f", $0.calibratedScore)) (raw \(String(format: "%.2f", $0.rawScore)), \($0.reviews) reviews, \($0.method))" }
                                 ?? "no reviews: neutral")
            case .deliverability: (deliver, record)
            }
        }
        var components: [String: ComponentScore] = [:]
        var total = 0.0
        for criterion in Criterion.allCases {
            let (v, why) = component(criterion)
            let w = config.weights[criterion] ?? 0
            let value = Rounding.round(min(max(v, 0), 1), places: 6)
            let contribution = Rounding.round(w * value, places: 6)
            total += contribution
            components[criterion.rawValue] = ComponentScore(value: value, weight: w, contribution: contribution, explanation: why)
        }
        let quality = panel?.qualityFactor ?? 1
        var flags: [String] = []
        if filledWeighted <= 0, let flag = Self.noGapFlag(reach.cells.map { (gaps.demand[$0.group][$0.council], gaps.supplied[$0.group][$0.council]) }) {
            flags.append(flag)
        }
        if panel == nil { flags.append("no reviews") }
        let top = cells.sorted { ($0.hours, $1.group, $1.area) > ($1.hours, $0.group, $0.area) }
        return ScoredProposal(
            id: p.id, applicant: p.applicant, title: p.title, requested: p.requested, minimum: p.minimum, rank: 0,
            score: Rounding.round(total, places: 6), components: components, value: r2(filledWeighted * quality),
            evidence: ScoreEvidence(cells: Array(top.prefix(8)), otherCells: max(0, top.count - 8), projectedHours: r2(H),
                                    filledWeightedHours: r2(filledWeighted), trackRecord: record, panel: panel, flags: flags))
    }

    /// Why a proposal fills no gap, from its cells' (demand, supplied) hours. "Supplied to target" is said only of
    /// cells that have demand and are supplied to it; a cell with no demand evidence is never called supplied.
    static func noGapFlag(_ cells: [(demand: Double, supplied: Double)]) -> String? {
        let noEvidence = cells.filter { $0.demand <= 0 }.count
        let supplied = cells.count - noEvidence
        switch (supplied, noEvidence) {
        case (0, 0): return "reaches no cell: no participants or hours"
        case (_, 0): return "fills no gap: every cell it reaches is already supplied to its target"
        case (0, _): return "no demand evidence: no practitioners of its groups are known in the cells it reaches"
        default:
            return "fills no gap: \(supplied) of its cells are supplied to their target and \(noEvidence) have no demand evidence"
        }
    }

    /// 0.5 when the applicant has no supply returns; up to 1 as its past participants reach the proposal's.
    private func deliverability(_ p: Proposal) -> (Double, String) {
        let key = ApplicantKey(p.applicant)
        let names = [p.applicant] + (aliases[key] ?? [])
        var participants = 0, hours = 0.0, matched: [String] = []
        var counted: Set<ApplicantKey> = []
        for name in names where counted.insert(ApplicantKey(name)).inserted {
            if let t = gaps.supply.providerTotals[ApplicantKey(name)] {
                participants += t.participants
                hours += t.hours
                matched.append(name)
            }
        }
        guard !matched.isEmpty else { return (0.5, "no supply returns under this name: neutral") }
        let planned = max(1, p.participants.reduce(0) { $0 + $1.count })
        let ratio = min(1, Double(participants) / Double(planned))
        return (0.5 + 0.5 * ratio, "returns as \(matched.joined(separator: ", ")): \(participants) participants, \(fmt(hours)) hours; \(planned) planned")
    }
}

@inline(__always) private func r2(_ v: Double) -> Double { Rounding.round(v, places: 2) }
private func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
