import AllotCore
import AllotIngest
import Foundation

/// The ranking for a panel, and its spreadsheet.
enum RoundRenderer {
    static func render(_ r: RoundResult) -> String {
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
            let line = TextColumns.right(String(p.rank), 4) + " " + TextColumns.left(p.id, 9) + TextColumns.left(p.applicant, 33) + " "
                + String(format: "%10.0f%7.3f%10.1f  ", p.requested, p.score, p.value) + comps + panel
            lines.append(line + (entry.recommended == true ? String(format: "   FUND £%.0f", entry.award ?? 0) : ""))
            if let budget = r.budget, cumulative - p.requested < budget, cumulative >= budget {
                lines.append(String(repeating: "-", count: 40) + " budget reached in rank order (the portfolio differs: FUND) " + String(repeating: "-", count: 10))
            }
        }
        if let allocated = r.allocated, let objective = r.objective {
            lines.append("")
            lines.append(String(format: "Recommended portfolio: £%.0f allocated, value %.1f need-weighted gap hours (", allocated, objective) + (r.solver ?? "") + ")")
            for c in r.constraintLines ?? [] {
                lines.append("  " + TextColumns.left(c.name, 44) + String(format: " required %12.2f  achieved %12.2f", c.required, c.achieved) + (c.binding ? "  binding" : ""))
            }
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
}

/// The panel's spreadsheet: one row per proposal, components and evidence headline figures.
enum RoundSpreadsheet {
    static func write(_ r: RoundResult, to path: String) throws {
        let writer = try CSVWriter(path: path)
        let order = Criterion.allCases.map(\.rawValue)
        try writer.write(["rank", "id", "applicant", "title", "requested", "minimum", "score", "value"] + order
                         + ["panel_raw", "panel_calibrated", "reviews", "projected_hours", "filled_weighted_hours", "flags", "recommended", "award"])
        for entry in r.proposals {
            let p = entry.scored
            let head: [String] = [String(p.rank), p.id, p.applicant, p.title, num(p.requested), p.minimum.map(num) ?? "", num(p.score), num(p.value)]
            let components: [String] = order.map { num(p.components[$0]?.value ?? 0) }
            let panel = p.evidence.panel
            let tail: [String] = [panel.map { num($0.rawScore) } ?? "", panel.map { num($0.calibratedScore) } ?? "", String(panel?.reviews ?? 0),
                                  num(p.evidence.projectedHours), num(p.evidence.filledWeightedHours), p.evidence.flags.joined(separator: "; ")]
            let decision: [String] = [entry.recommended.map { $0 ? "yes" : "no" } ?? "", entry.award.map(num) ?? ""]
            try writer.write(head + components + tail + decision)
        }
        try writer.close()
    }

    private static func num(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
