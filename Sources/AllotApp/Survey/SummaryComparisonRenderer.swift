import AllotCore
import AllotRounds
import Foundation

/// Several surveys side by side: one column group per survey (its overall figure, and the change from the previous survey
/// of its kind where there is one), one row per figure, so a year's movement reads across a line rather than between
/// pages. The per-sector tables of one survey come from `allot survey summary --survey ID` alone.
enum SummaryComparisonRenderer {
    static let labelWidth = 45
    static let valueWidth = 14
    static let changeWidth = 11

    static func render(_ comparison: SurveyComparison, order: [String]) -> String {
        let summaries = order.compactMap { comparison.surveys[$0] }
        let changes = summaries.map { comparison.changes[$0.survey] }
        let previous = changes.map { $0.flatMap { comparison.surveys[$0.since] } }
        var lines = ["Surveys side by side: " + summaries.map(\.survey).joined(separator: ", "),
                     "(each survey's overall figures; change = from the previous survey of the same kind, shares in percentage points)", ""]
        // A long label is wrapped at word boundaries, its figures on its last line: labels that start alike
        // (three priorities begin "Understanding of the concepts and knowledge") stay told apart.
        func row(_ label: String, _ cells: [(value: String, change: String)]) -> String {
            let wrapped = TextColumns.wrap(label, labelWidth - 1)
            var last = (wrapped.last ?? "").padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + cells.map { pad($0.value, valueWidth) + pad($0.change, changeWidth) }.joined()
            while last.hasSuffix(" ") { last.removeLast() }
            return (wrapped.dropLast() + [last]).joined(separator: "\n")
        }
        lines.append(String(repeating: " ", count: labelWidth) + summaries.map { pad($0.survey, valueWidth + changeWidth) }.joined())
        lines.append(row("", summaries.indices.map { ("all", changes[$0] != nil ? "change" : "") }))
        /// A figure of each survey, and its change where the survey has a previous one.
        func figures(_ value: (SurveySummary) -> String, _ change: (SurveySummary, SurveySummary) -> String) -> [(String, String)] {
            summaries.indices.map { i in (value(summaries[i]), previous[i].map { change(summaries[i], $0) } ?? "") }
        }
        lines.append(row("Consented responses", figures({ String($0.responses) }, { signed(Double($0.responses - $1.responses), 0) })))
        lines.append(row("Excluded (no consent)", figures({ String($0.excludedNoConsent) }, { signed(Double($0.excludedNoConsent - $1.excludedNoConsent), 0) })))
        lines.append(row("Total hours", figures({ SummaryRenderer.fmt($0.all.totalHours) }, { signed($0.all.totalHours - $1.all.totalHours, 0) })))
        lines.append(row("Mean hours", figures({ $0.all.meanHours.map(SummaryRenderer.fmt) ?? "-" }, { now, then in
            guard let a = now.all.meanHours, let b = then.all.meanHours else { return "-" }
            return signed(a - b, 2)
        })))
        lines.append(row("Zero hours", figures({ String($0.all.zeroHours) }, { signed(Double($0.all.zeroHours - $1.all.zeroHours), 0) })))
        let sectors = Taxonomy.sector.codes.indices.filter { i in summaries.contains { $0.sectors[Taxonomy.sector.code(at: i)] != nil } }
        if !sectors.isEmpty {
            lines.append("")
            lines.append("Responses and mean hours by sector (responses, mean hours; change in responses)")
            for i in sectors {
                let code = Taxonomy.sector.code(at: i)
                lines.append(row(Taxonomy.sector.label(at: i), figures({ s in
                    guard let t = s.sectors[code] else { return "0" }
                    return "\(t.responses) \(t.meanHours.map { String(format: "%.2f", $0) } ?? "-")h"
                }, { now, then in signed(Double((now.sectors[code]?.responses ?? 0) - (then.sectors[code]?.responses ?? 0)), 0) })))
            }
        }
        func shareSection(_ title: String, _ book: Codebook, _ pick: (TallySummary) -> [String: ShareFigure]) {
            lines.append("")
            lines.append(title + " (count and share of all responses)")
            // Rows by the latest survey's count, then the code: the order never depends on the input order.
            let latest = summaries.last.map { pick($0.all) } ?? [:]
            let order = book.codes.indices.sorted { (latest[book.code(at: $0)]?.count ?? 0, $1) > (latest[book.code(at: $1)]?.count ?? 0, $0) }
            for i in order {
                let code = book.code(at: i)
                guard summaries.contains(where: { pick($0.all)[code] != nil }) else { continue }
                lines.append(row(book.label(at: i), figures({ s in
                    guard let f = pick(s.all)[code] else { return "0" }
                    return "\(f.count) \(SummaryRenderer.pct(f.share))"
                }, { now, then in points((pick(now.all)[code]?.share ?? 0) - (pick(then.all)[code]?.share ?? 0)) })))
            }
        }
        func countSection(_ title: String, _ book: Codebook, _ pick: (TallySummary) -> [String: Int]) {
            lines.append("")
            lines.append(title)
            func share(_ s: SurveySummary, _ code: String) -> Double {
                s.all.responses > 0 ? Double(pick(s.all)[code] ?? 0) / Double(s.all.responses) : 0
            }
            for i in 0..<book.count {
                let code = book.code(at: i)
                lines.append(row(book.label(at: i), figures({ s in "\(pick(s.all)[code] ?? 0) \(SummaryRenderer.pct(share(s, code)))" },
                                                          { now, then in points(share(now, code) - share(then, code)) })))
            }
        }
        shareSection("Barriers", Taxonomy.barriers) { $0.barriers }
        shareSection("Priorities", Taxonomy.priorities) { $0.priorities }
        shareSection("Types of professional learning", Taxonomy.plTypes) { $0.plTypes }
        shareSection("Providers", Taxonomy.providers) { $0.providers }
        countSection("How easy has it been to access professional learning in STEM?", Taxonomy.easeOfAccess) { $0.easeOfAccess }
        countSection("Was there sufficient choice and variety?", Taxonomy.choiceSufficient) { $0.choiceSufficient }
        countSection("I feel confident delivering STEM learning in my practice", Taxonomy.confidence) { $0.confidence }
        let warnings = summaries.compactMap { s in comparison.changes[s.survey].map { (s.survey, $0) } }.flatMap { id, c in
            c.warnings.map { "warning: \(id) against \(c.since): \($0)" }
        }
        if !warnings.isEmpty { lines.append(""); lines.append(contentsOf: warnings) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - s.count)) + s
    }

    static func signed(_ v: Double, _ decimals: Int) -> String { SummaryRenderer.signed(v, decimals: decimals) }

    /// A change in share, in percentage points.
    static func points(_ delta: Double) -> String { SummaryRenderer.signed(delta * 100, decimals: 1) + " pts" }
}
