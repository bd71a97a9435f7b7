import AllotCore
import AllotIngest
import AllotPortfolio
import Foundation

/// The ranking for a panel, as text: the answer first (what to fund, the money against the rules, the decisions
/// near the line), then the full ranking with a reason for every unfunded proposal ranked above the last funded
/// one, then the evidence notes. Money is always `Money.text` (`£325,000`); counts are counts.
public enum RoundRenderer {
    /// The readable portfolio, money by group and RIC, the proposals near the line and the ranking.
    public static func render(_ r: RoundResult) -> String {
        var lines = ["Round \(r.round)" + (r.budget.map { ": budget \(Money.text($0))" } ?? "") + ", \(r.proposals.count) proposals"]
        if let allocated = r.allocated, let objective = r.objective {
            lines.append("")
            lines.append("Recommended portfolio: \(Money.text(allocated)) allocated, value "
                         + String(format: "%.1f", objective) + " need-weighted gap hours (\(r.solver ?? "no solver"))")
            let funded = r.proposals.filter { $0.recommended == true }
            lines.append(contentsOf: TextColumns.wrap("Funded (\(funded.count)): " + funded.map { entry in
                entry.status?.state == .partlyFunded ? "\(entry.scored.id) (\(Money.text(entry.award ?? 0)) of \(Money.text(entry.scored.requested)))"
                    : entry.scored.id
            }.joined(separator: ", "), 110))
            lines.append(contentsOf: constraints(r.constraintLines ?? []))
            lines.append(contentsOf: money("By learner group (awards split by each project's hours)", r.byGroup ?? []))
            lines.append(contentsOf: money("By RIC (awards split by where the hours land)", r.byRIC ?? []))
        }
        if let robustness = r.robustness { lines.append(contentsOf: nearLine(r, robustness)) }
        lines.append(contentsOf: ranking(r))
        lines.append(contentsOf: spellings(r.applicants))
        if let best = r.proposals.first?.scored { lines.append(contentsOf: why(best)) }
        lines.append("")
        lines.append("Panel calibration: \(r.calibration.method) (\(r.calibration.reason))")
        if !r.calibration.dropped.isEmpty { lines.append("Reviews not counted: " + r.calibration.dropped.joined(separator: "; ")) }
        if !r.calibration.underReviewed.isEmpty { lines.append("Fewer reviews than required: " + r.calibration.underReviewed.joined(separator: ", ")) }
        for n in r.notes { lines.append(contentsOf: TextColumns.wrap("note: \(n)", 110)) }
        return lines.joined(separator: "\n")
    }

    /// The ranking: every proposal, a line drawn under the last one that fits the budget in rank order, and under
    /// each unfunded proposal ranked above the last funded one, why it is not funded.
    static func ranking(_ r: RoundResult) -> [String] {
        let applicantNames = r.applicantNamesByProposal()
        let short = ["need_alignment": "need", "priority_match": "prio", "barrier_mitigation": "barr", "equity_reach": "equity",
                     "value_for_money": "vfm", "panel_quality": "panel", "deliverability": "deliv"]
        let order = Criterion.allCases.map(\.rawValue)
        func columns(_ rank: String, _ id: String, _ applicant: String, _ asks: String, _ score: String, _ value: String,
                     _ comps: [String], _ panel: String, _ decision: String) -> [String] {
            TextColumns.row([(rank, 4, .right), (id, 9, .left), (applicant, 30, .left), (asks, 9, .right), (score, 6, .right),
                             (value, 8, .right)] + comps.map { ($0, 6, TextColumns.Align.right) }
                            + [(panel, 9, .left), (decision, 14, .left)])
        }
        var lines = ["", "Ranking (score; value = need-weighted gap hours it fills funded alone, x panel quality):"]
        lines.append(contentsOf: columns("rank", "id", "applicant", "asks", "score", "value", order.map { short[$0] ?? $0 }, "panel r/c", "recommendation"))
        let lastFunded = r.proposals.last { $0.recommended == true }?.scored.rank ?? 0
        var cumulative = 0.0
        for entry in r.proposals {
            let p = entry.scored
            if let budget = r.budget, cumulative <= budget + 0.005, cumulative + p.requested > budget + 0.005 {
                lines.append(String(repeating: "-", count: 30) + " \(Money.text(budget)) budget reached in rank order above this line; "
                             + "the recommendation differs where the portfolio buys more value " + String(repeating: "-", count: 6))
            }
            cumulative += p.requested
            let panel = p.evidence.panel.map { String(format: "%.2f/%.2f", $0.rawScore, $0.calibratedScore) } ?? "-"
            let decision: String
            switch entry.status?.state {
            case .funded: decision = "FUND " + Money.text(entry.award ?? 0)
            case .partlyFunded: decision = "PART " + Money.text(entry.award ?? 0)
            case .notFunded, nil: decision = "-"
            }
            lines.append(contentsOf: columns(String(p.rank), p.id, applicantNames[p.id] ?? p.applicant, Money.text(p.requested), String(format: "%.3f", p.score),
                                             String(format: "%.1f", p.value), order.map { String(format: "%.2f", p.components[$0]?.value ?? 0) },
                                             panel, decision))
            if let status = entry.status, status.state == .notFunded, p.rank < lastFunded {
                lines.append(contentsOf: TextColumns.wrap(status.explanation, 100).map { "       " + $0 })
            }
        }
        return lines
    }

    static func why(_ best: ScoredProposal) -> [String] {
        var lines = ["", "Why \(best.id) ranks first:"]
        for c in Criterion.allCases.map(\.rawValue) {
            guard let comp = best.components[c] else { continue }
            lines.append("  " + TextColumns.left(c, 20) + String(format: " %.3f x %.2f = %.4f  ", comp.value, comp.weight, comp.contribution) + comp.explanation)
        }
        for cell in best.evidence.cells.prefix(3) {
            lines.append("  cell \(cell.group) / \(cell.area): " + String(format: "%.0f h delivered, gap %.0f h (demand %.0f, supplied %.0f), need index %.1f",
                                                                          cell.hours, cell.gapHours, cell.demandHours, cell.suppliedHours, cell.needIndex))
        }
        return lines
    }

    /// The round's rules against the portfolio, in their own units: pounds for the budget, floors and caps,
    /// proposals for a RIC's reach.
    static func constraints(_ rows: [ConstraintLine]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = ["", "The round's rules:"]
        // Caps are listed for every applicant asking more than the cap in total; only those the portfolio sits on
        // matter to a panel, the rest are counted.
        let caps = rows.filter { $0.name.hasPrefix("applicant_cap:") }
        let slackCaps = caps.filter { !$0.binding }
        for c in rows where !slackCaps.contains(where: { $0.name == c.name }) {
            let (label, sense) = describe(c.name)
            let amount: (Double) -> String = { v in
                switch c.unit {
                case .pounds: return Money.text(v)
                case .proposals: return "\(Int(v.rounded())) \(Int(v.rounded()) == 1 ? "proposal" : "proposals")"
                }
            }
            let state = c.binding ? "binding" : "met"
            lines.append(contentsOf: TextColumns.row([(label, 44, .left), ("\(sense) \(amount(c.required))", 22, .left),
                                                      ("achieved \(amount(c.achieved))", 24, .left), (state, 7, .left)]).map { "  " + $0 })
        }
        if let cap = slackCaps.first {
            lines.append("  Cap of \(Money.text(cap.required)) per applicant: \(slackCaps.count) more "
                         + "\(slackCaps.count == 1 ? "applicant asks" : "applicants ask") for more in total and \(slackCaps.count == 1 ? "is" : "are") within it")
        }
        return lines
    }

    /// A constraint's stable name (`budget`, `group_floor:asn`, `ric_reach:tayside`, `applicant_cap:NAME`) in words.
    public static func describe(_ name: String) -> (String, String) {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        let detail = parts.count > 1 ? parts[1] : ""
        switch parts.first ?? "" {
        case "budget": return ("Budget", "at most")
        case "group_floor": return ("Floor for " + (Taxonomy.learnerGroup.index(of: detail).map { Taxonomy.learnerGroup.label(at: $0) } ?? detail), "at least")
        case "ric_reach": return ("Reach " + (Geography.ricNames[detail] ?? detail), "at least")
        case "applicant_cap": return ("Cap for " + detail, "at most")
        default: return (name, "")
        }
    }

    /// The applicants whose proposals spell them more than one way, and the spellings merged under each.
    static func spellings(_ applicants: [ApplicantLine]) -> [String] {
        let merged = applicants.filter { $0.spellings.count > 1 }
        guard !merged.isEmpty else { return [] }
        var lines = ["", "Applicants spelled more than one way (one applicant for the cap, conflicts and track record):"]
        for a in merged {
            // Not wrapped: a spelling's own spaces are part of what the panel needs to see.
            lines.append("  \(a.name): " + a.spellings.map { "\"\($0)\"" }.joined(separator: ", ") + " (" + a.proposals.joined(separator: ", ") + ")")
        }
        return lines
    }

    static func money(_ title: String, _ rows: [MoneyLine]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = ["", title + ":"]
        for m in rows {
            let floor = m.floor.map { "floor \(Money.text($0)) " + (m.amount + 0.005 >= $0 ? "met" : "NOT MET") } ?? ""
            lines.append(contentsOf: TextColumns.row([(m.name, 44, .left), (Money.text(m.amount), 10, .right), (String(format: "%.1f%%", m.share * 100), 6, .right),
                                                      ("\(m.projects) \(m.projects == 1 ? "project" : "projects")", 12, .left), (floor, 24, .left)]).map { "  " + $0 })
        }
        return lines
    }

    static func nearLine(_ r: RoundResult, _ s: RobustnessSummary) -> [String] {
        let applicantNames = r.applicantNamesByProposal()
        var lines = ["", String(format: "Robustness: %d samples (criterion weights +-%.0f%%, reviewer noise %.0f%% of the scale per review, seed %llu), %d proven optimal, largest gap %.4f%%",
                                s.samples, s.weightSpread * 100, s.reviewerNoise * 100, s.seed, s.samplesProvenOptimal, s.maxSampleGap * 100)]
        let near = r.proposals.filter { $0.nearLine == true }
        let low = Int(((s.nearLine.first ?? 0.1) * 100).rounded()), high = Int(((s.nearLine.last ?? 0.9) * 100).rounded())
        if near.isEmpty {
            lines.append("No proposal is near the funding line: every decision holds in more than \(high)% of samples.")
            return lines
        }
        lines.append("Near the funding line (funded in \(low)%-\(high)% of samples):")
        lines.append(contentsOf: TextColumns.row([("id", 9, .left), ("applicant", 30, .left), ("P(funded)", 9, .right), ("recommendation", 60, .left)]).map { "  " + $0 })
        for entry in near {
            let p = entry.scored
            var what: String
            if entry.recommended == true {
                let levels = (entry.fundedAtBudgetLevels ?? []).map { String(format: "%.0f%%", $0 * 100) }
                what = "FUND \(Money.text(entry.award ?? 0))" + (levels.isEmpty ? "" : "; still funded at budget " + compact(levels))
            } else if let request = entry.fundedAtRequest {
                what = "not funded; funded if it asked \(Money.text(request)) (asks \(Money.text(p.requested)))"
            } else {
                what = "not funded; not funded even at 1% of its request"
            }
            lines.append(contentsOf: TextColumns.row([(p.id, 9, .left), (applicantNames[p.id] ?? p.applicant, 30, .left),
                                                      (String(format: "%.0f%%", (entry.fundedProbability ?? 0) * 100), 9, .right),
                                                      (what, 60, .left)]).map { "  " + $0 })
        }
        return lines
    }

    /// Budget levels as ranges: "50%-100%, 120%".
    static func compact(_ levels: [String]) -> String {
        levels.count > 3 ? "\(levels[0])-\(levels[levels.count - 1]) (\(levels.count) of the grid's levels)" : levels.joined(separator: ", ")
    }
}
