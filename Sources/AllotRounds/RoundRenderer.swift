import AllotCore
import AllotIngest
import Foundation

/// The ranking for a panel, as text.
public enum RoundRenderer {
    /// The readable ranking, portfolio, money by group and RIC, and the proposals near the line.
    public static func render(_ r: RoundResult) -> String {
        let applicantNames = r.applicantNamesByProposal()
        var lines = ["Round \(r.round)\(r.budget.map { String(format: ": budget £%.0f", $0) } ?? ""), \(r.proposals.count) proposals"]
        lines.append("Panel calibration: \(r.calibration.method) (\(r.calibration.reason))")
        if !r.calibration.dropped.isEmpty { lines.append("Reviews not counted: " + r.calibration.dropped.joined(separator: "; ")) }
        if !r.calibration.underReviewed.isEmpty { lines.append("Fewer reviews than required: " + r.calibration.underReviewed.joined(separator: ", ")) }
        for n in r.notes { lines.append("note: \(n)") }
        lines.append("")
        let short = ["need_alignment": "need", "priority_match": "prio", "barrier_mitigation": "barr", "equity_reach": "equity",
                     "value_for_money": "vfm", "panel_quality": "panel", "deliverability": "deliv"]
        let order = Criterion.allCases.map(\.rawValue)
        lines.append(TextColumns.right("rank", 4) + " " + TextColumns.left("id", 9) + TextColumns.left("applicant", 34)
                     + TextColumns.right("requested", 10) + TextColumns.right("score", 7) + TextColumns.right("value", 10) + "  "
                     + order.map { TextColumns.right(short[$0] ?? $0, 7) }.joined() + "   panel raw/cal")
        var cumulative = 0.0
        for entry in r.proposals {
            let p = entry.scored
            cumulative += p.requested
            let comps = order.map { String(format: "%7.2f", p.components[$0]?.value ?? 0) }.joined()
            let panel = p.evidence.panel.map { String(format: "   %.2f/%.2f", $0.rawScore, $0.calibratedScore) } ?? "   -"
            let line = TextColumns.right(String(p.rank), 4) + " " + TextColumns.left(p.id, 9)
                + TextColumns.left(applicantNames[p.id] ?? p.applicant, 33) + " "
                + String(format: "%10.0f%7.3f%10.1f  ", p.requested, p.score, p.value) + comps + panel
            lines.append(line + (entry.recommended == true ? String(format: "   FUND £%.0f", entry.award ?? 0) : ""))
            if let budget = r.budget, cumulative - p.requested < budget, cumulative >= budget {
                lines.append(String(repeating: "-", count: 40) + " budget reached in rank order (the portfolio differs: FUND) " + String(repeating: "-", count: 10))
            }
        }
        lines.append(contentsOf: spellings(r.applicants))
        if let allocated = r.allocated, let objective = r.objective {
            lines.append("")
            lines.append(String(format: "Recommended portfolio: £%.0f allocated, value %.1f need-weighted gap hours (", allocated, objective) + (r.solver ?? "") + ")")
            let funded = r.proposals.filter { $0.recommended == true }
            lines.append("Funded (\(funded.count)): " + funded.map { entry in
                let partial = (entry.award ?? 0) < entry.scored.requested - 0.005 ? String(format: " partial £%.0f", entry.award ?? 0) : ""
                return entry.scored.id + partial
            }.joined(separator: ", "))
            for c in r.constraintLines ?? [] {
                lines.append("  " + TextColumns.left(c.name, 44) + String(format: " required %12.2f  achieved %12.2f", c.required, c.achieved) + (c.binding ? "  binding" : ""))
            }
            lines.append(contentsOf: money("By learner group (awards split by each project's hours)", r.byGroup ?? []))
            lines.append(contentsOf: money("By RIC (awards split by where the hours land)", r.byRIC ?? []))
        }
        if let robustness = r.robustness {
            lines.append(contentsOf: nearLine(r, robustness))
        }
        if let best = r.proposals.first?.scored {
            lines.append("")
            lines.append("Why \(best.id) ranks first:")
            for c in order { if let comp = best.components[c] {
                lines.append("  " + TextColumns.left(c, 20) + String(format: " %.3f x %.2f = %.4f  ", comp.value, comp.weight, comp.contribution) + comp.explanation)
            } }
            for cell in best.evidence.cells.prefix(3) {
                lines.append("  cell \(cell.group) / \(cell.area): " + String(format: "%.0f h delivered, gap %.0f h (demand %.0f, supplied %.0f), need index %.1f",
                                    cell.hours, cell.gapHours, cell.demandHours, cell.suppliedHours, cell.needIndex))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The applicants whose proposals spell them more than one way, and the spellings merged under each.
    static func spellings(_ applicants: [ApplicantLine]) -> [String] {
        let merged = applicants.filter { $0.spellings.count > 1 }
        guard !merged.isEmpty else { return [] }
        var lines = ["", "Applicants spelled more than one way (one applicant for the cap, conflicts and track record):"]
        for a in merged {
            lines.append("  \(a.name): " + a.spellings.map { "\"\($0)\"" }.joined(separator: ", ") + " (" + a.proposals.joined(separator: ", ") + ")")
        }
        return lines
    }

    static func money(_ title: String, _ rows: [MoneyLine]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = ["", title + ":"]
        for m in rows {
            let floor = m.floor.map { String(format: "  floor £%.0f %@", $0, m.amount + 0.005 >= $0 ? "met" : "NOT MET") } ?? ""
            lines.append("  " + TextColumns.left(m.name, 44) + String(format: "£%10.0f  %5.1f%%  %3d projects", m.amount, m.share * 100, m.projects) + floor)
        }
        return lines
    }

    static func nearLine(_ r: RoundResult, _ s: RobustnessSummary) -> [String] {
        let applicantNames = r.applicantNamesByProposal()
        var lines = ["", String(format: "Robustness: %d samples (criterion weights +-%.0f%%, reviewer noise %.0f%% of the scale per review, seed %llu), %d proven optimal, largest gap %.4f%%",
                                s.samples, s.weightSpread * 100, s.reviewerNoise * 100, s.seed, s.samplesProvenOptimal, s.maxSampleGap * 100)]
        let near = r.proposals.filter { $0.nearLine == true }
        if near.isEmpty {
            lines.append("No proposal is near the funding line: every decision holds in more than \(Int(((s.nearLine.last ?? 0.9) * 100).rounded()))% of samples.")
            return lines
        }
        lines.append("Near the funding line (funded in \(Int(((s.nearLine.first ?? 0.1) * 100).rounded()))%-\(Int(((s.nearLine.last ?? 0.9) * 100).rounded()))% of samples):")
        lines.append("  " + TextColumns.left("id", 9) + TextColumns.left("applicant", 34) + TextColumns.right("P(funded)", 10) + "  recommendation")
        for entry in near {
            let p = entry.scored
            var what: String
            if entry.recommended == true {
                let levels = (entry.fundedAtBudgetLevels ?? []).map { String(format: "%.0f%%", $0 * 100) }
                what = String(format: "FUND £%.0f", entry.award ?? 0) + (levels.isEmpty ? "" : "; still funded at budget " + compact(levels))
            } else if let request = entry.fundedAtRequest {
                what = String(format: "not funded; funded if it asked £%.0f (asks £%.0f)", request, p.requested)
            } else {
                what = "not funded; not funded even at 1% of its request"
            }
            lines.append("  " + TextColumns.left(p.id, 9) + TextColumns.left(applicantNames[p.id] ?? p.applicant, 33) + " "
                         + String(format: "%9.0f%%  ", (entry.fundedProbability ?? 0) * 100) + what)
        }
        return lines
    }

    /// Budget levels as ranges: "50%-100%, 120%".
    static func compact(_ levels: [String]) -> String {
        levels.count > 3 ? "\(levels[0])-\(levels[levels.count - 1]) (\(levels.count) of the grid's levels)" : levels.joined(separator: ", ")
    }
}
