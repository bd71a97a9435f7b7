import AllotCore
import Foundation

/// `/surveys/{survey}`: the report tables of `GET /v1/surveys/{survey}/summary`, each share with a bar, by sector.
struct SurveySummaryPage: Sendable {
    struct Cell: Sendable {
        let text: String
        /// The bar's width (SVG user units), or nil for a cell with no share.
        let width: String?
    }

    struct Row: Sendable {
        let label: String
        let cells: [Cell]
    }

    struct Table: Sendable {
        let title: String
        let rows: [Row]
    }

    let layout: PageLayout
    let id: String
    let state: String
    let columns: [String]
    let headline: [Row]
    let tables: [Table]
    let excluded: Int

    /// A bar is this wide at a share of 1 (SVG user units).
    static let barWidth = 80.0

    static func make(_ s: SurveySummary, id: String, state: String, layout: PageLayout) -> SurveySummaryPage {
        // Sectors in the codebook's order, those with responses only, then everyone.
        let sectors = Taxonomy.sector.codes.enumerated().compactMap { i, code in s.sectors[code].map { (Taxonomy.sector.label(at: i), $0) } }
        let tallies = [("All respondents", s.all)] + sectors
        let headline = [
            Row(label: "Responses", cells: tallies.map { Cell(text: "\($0.1.responses)", width: nil) }),
            Row(label: "Mean hours of STEM professional learning", cells: tallies.map { Cell(text: PageFormat.number($0.1.meanHours, places: 1), width: nil) }),
            Row(label: "No hours", cells: tallies.map { Cell(text: "\($0.1.zeroHours)", width: nil) }),
        ]
        func table(_ title: String, _ book: Codebook, _ figures: (TallySummary) -> [String: ShareFigure]) -> Table {
            let rows = book.codes.enumerated().compactMap { i, code -> Row? in
                guard tallies.contains(where: { figures($0.1)[code] != nil }) else { return nil }
                return Row(label: book.label(at: i), cells: tallies.map { _, t in
                    guard let f = figures(t)[code] else { return Cell(text: "–", width: nil) }
                    return Cell(text: "\(PageFormat.percent(f.share)) (\(PageFormat.percent(f.low))–\(PageFormat.percent(f.high)))",
                                width: PageFormat.number(max(0, min(1, f.share)) * barWidth, places: 1))
                })
            }
            return Table(title: title, rows: rows)
        }
        return SurveySummaryPage(
            layout: layout, id: id, state: state, columns: tallies.map(\.0), headline: headline,
            tables: [table("Barriers to professional learning", Taxonomy.barriers, \.barriers),
                     table("Priorities for professional learning", Taxonomy.priorities, \.priorities)],
            excluded: s.excludedNoConsent)
    }
}
