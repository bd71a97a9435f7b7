import AllotCore
import AllotRounds
import Foundation

/// The summary as readable tables, laid out like the published report (sectors as columns).
enum SummaryRenderer {
    /// One survey as the report's tables; several side by side (`SummaryComparisonRenderer`).
    static func render(_ comparison: SurveyComparison, order: [String]) -> String {
        let present = order.filter { comparison.surveys[$0] != nil }
        if present.count > 1 { return SummaryComparisonRenderer.render(comparison, order: present) }
        var out: [String] = []
        for id in order {
            guard let summary = comparison.surveys[id] else { continue }
            out.append(render(summary))
            if let change = comparison.changes[id] { out.append(render(change, id: id)) }
        }
        return out.joined(separator: "\n")
    }

    static func render(_ s: SurveySummary) -> String {
        let sectorCodes = Taxonomy.sector.codes.filter { s.sectors[$0] != nil }
        let columns: [(String, TallySummary)] = sectorCodes.compactMap { code in s.sectors[code].map { (code, $0) } } + [("all", s.all)]
        var lines = ["Survey \(s.survey): \(s.responses) consented responses, \(s.excludedNoConsent) excluded (no consent)", ""]
        let width = 11
        // A label longer than its column wraps onto the lines below, whole words, so no two labels read the same.
        func row(_ label: String, _ cells: [String], suffix: String = "") -> String {
            let parts = TextColumns.wrap(label, 44)
            let first = TextColumns.left(parts[0], 45) + cells.map { TextColumns.right($0, width) }.joined() + suffix
            return ([first] + parts.dropFirst().map { "  " + $0 }).joined(separator: "\n")
        }
        lines.append(row("", columns.map { $0.0 }))
        lines.append(row("Responses", columns.map { String($0.1.responses) }))
        lines.append(row("Total hours", columns.map { fmt($0.1.totalHours) }))
        lines.append(row("Mean hours", columns.map { $0.1.meanHours.map(fmt) ?? "-" }))
        lines.append(row("Zero hours", columns.map { String($0.1.zeroHours) }))
        func shareSection(_ title: String, _ book: Codebook, _ pick: (TallySummary) -> [String: ShareFigure]) {
            lines.append("")
            lines.append(title + " (count and share of all responses; 95% Wilson interval overall)")
            let order = book.codes.indices.sorted { (pick(s.all)[book.code(at: $0)]?.count ?? 0) > (pick(s.all)[book.code(at: $1)]?.count ?? 0) }
            for i in order {
                let code = book.code(at: i)
                guard let overall = pick(s.all)[code] else { continue }
                let cells = columns.map { col -> String in
                    guard let f = pick(col.1)[code] else { return "0" }
                    return "\(f.count) \(pct(f.share))"
                }
                lines.append(row(book.label(at: i), cells, suffix: "  [\(pct(overall.low))-\(pct(overall.high))]"))
            }
        }
        func countSection(_ title: String, _ book: Codebook, _ pick: (TallySummary) -> [String: Int]) {
            lines.append("")
            lines.append(title)
            for i in 0..<book.count {
                let code = book.code(at: i)
                lines.append(row(book.label(at: i), columns.map { col in
                    let n = pick(col.1)[code] ?? 0
                    return "\(n) \(pct(col.1.responses > 0 ? Double(n) / Double(col.1.responses) : 0))"
                }))
            }
        }
        shareSection("Barriers", Taxonomy.barriers) { $0.barriers }
        shareSection("Priorities", Taxonomy.priorities) { $0.priorities }
        shareSection("Types of professional learning", Taxonomy.plTypes) { $0.plTypes }
        shareSection("Providers", Taxonomy.providers) { $0.providers }
        countSection("How easy has it been to access professional learning in STEM?", Taxonomy.easeOfAccess) { $0.easeOfAccess }
        countSection("Was there sufficient choice and variety?", Taxonomy.choiceSufficient) { $0.choiceSufficient }
        countSection("I feel confident delivering STEM learning in my practice", Taxonomy.confidence) { $0.confidence }
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ c: SurveyChange, id: String) -> String {
        var lines = ["Change in \(id) since \(c.since): responses \(signed(Double(c.responses), decimals: 0)), mean hours \(c.meanHours.map { signed($0, decimals: 2) } ?? "-")"]
        for w in c.warnings { lines.append("  warning: \(w)") }
        let top = (c.shares["barriers"] ?? [:]).sorted { abs($0.value) > abs($1.value) || (abs($0.value) == abs($1.value) && $0.key < $1.key) }.prefix(5)
        if !top.isEmpty { lines.append("  largest changes in barriers: " + top.map { "\($0.key) \(signed($0.value * 100, decimals: 1)) pts" }.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func fmt(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v)
    }

    static func pct(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    static func signed(_ v: Double, decimals: Int) -> String { String(format: "%+.\(decimals)f", v) }
}
