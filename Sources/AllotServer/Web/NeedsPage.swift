import AllotCore
import Foundation

/// `/needs`: a tile map of the 32 councils coloured by need index for a learner group (all groups together until one
/// is chosen), each named in full, grouped by RIC, with a legend; and beside it the same figures as a table (the
/// map's accessible twin). The figures are `GET /v1/needs?level=council`'s rows.
struct NeedsPage: Sendable {
    struct Tile: Sendable {
        let x: String
        let y: String
        let width: String
        let height: String
        let band: String
        let ric: String
        let lines: [Line]
        let index: String
        let indexY: String
        let textX: String
        let title: String
        let few: Bool
    }

    struct Line: Sendable {
        let text: String
        let y: String
    }

    struct Row: Sendable {
        let council: String
        let index: String
        let band: String
        let responses: Int
        let few: Bool
        let indicators: [String]
    }

    struct RICGroup: Sendable {
        let name: String
        let key: String
        let rows: [Row]
    }

    struct Band: Sendable {
        let band: String
        let label: String
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let layout: PageLayout
    let surveys: String
    let groupOptions: [Option]
    let groupLabel: String
    let tiles: [Tile]
    let viewBox: String
    let bands: [Band]
    let rics: [RICGroup]
    let indicatorHeadings: [String]
    let hasRows: Bool
    let allGroupsNote: Bool

    static let headline: [(key: String, label: String)] = [
        ("mean_hours", "Mean hours"), ("access_difficult", "Access difficult"), ("no_suitable_pl", "No suitable learning"),
        ("insufficient_choice", "Not enough choice"), ("not_confident", "Not confident"),
    ]

    /// Need index 0-100 in five bands of 20.
    static func band(_ index: Double?) -> String {
        guard let index, index.isFinite else { return "none" }
        return "b\(min(4, max(0, Int(index / 20))))"
    }

    static func make(report: NeedReport, surveys: [String], group: String?, layout: PageLayout) -> NeedsPage {
        let councilRows = report.rows.filter { $0.level == "council" && (group == nil || $0.group == group) }
        // Per council: the group's row, or with no group chosen every group's rows, their need index weighted by responses.
        var byCouncil: [String: (index: Double?, responses: Int, few: Bool, rows: [NeedRow])] = [:]
        for council in Geography.councils {
            let rows = councilRows.filter { $0.areaName == council.name }
            let responses = rows.reduce(0) { $0 + $1.responses }
            let index: Double? = responses > 0 ? rows.reduce(0) { $0 + $1.needIndex * Double($1.responses) } / Double(responses)
                : rows.first?.needIndex
            byCouncil[council.name] = (index, responses, responses == 0 || rows.allSatisfy(\.fewResponses), rows)
        }
        let w = CouncilTiles.width, h = CouncilTiles.height, g = CouncilTiles.gap
        let tiles = Geography.councils.compactMap { council -> Tile? in
            guard let place = CouncilTiles.places[council.name], let figures = byCouncil[council.name] else { return nil }
            let x = Double(place.column) * (w + g), y = Double(place.row) * (h + g)
            let lines = CouncilTiles.lines(council.name)
            let index = figures.index.map { PageFormat.number($0, places: 0) } ?? "–"
            return Tile(x: PageFormat.number(x, places: 0), y: PageFormat.number(y, places: 0), width: PageFormat.number(w, places: 0),
                        height: PageFormat.number(h, places: 0), band: band(figures.index), ric: council.ric,
                        lines: lines.enumerated().map { Line(text: $1, y: PageFormat.number(y + 16 + Double($0) * 14, places: 0)) }, index: index,
                        indexY: PageFormat.number(y + h - 8, places: 0), textX: PageFormat.number(x + 6, places: 0),
                        title: "\(council.name) (\(Geography.ricNames[council.ric] ?? council.ric)): need index \(index), \(figures.responses) responses"
                            + (figures.few ? ", few responses" : ""),
                        few: figures.few)
        }
        let rics = Geography.rics.map { ric in
            RICGroup(name: Geography.ricNames[ric] ?? ric, key: ric, rows: Geography.councils.filter { $0.ric == ric }.map { council in
                let f = byCouncil[council.name] ?? (nil, 0, true, [])
                let one = f.rows.count == 1 ? f.rows.first : nil
                return Row(council: council.name, index: f.index.map { PageFormat.number($0, places: 0) } ?? "–", band: band(f.index),
                           responses: f.responses, few: f.few,
                           indicators: headline.map { h in
                               guard let e = one?.indicators[h.key] else { return "–" }
                               return h.key == "mean_hours"
                                   ? "\(PageFormat.number(e.shrunk, places: 1)) h (\(PageFormat.number(e.low, places: 1))–\(PageFormat.number(e.high, places: 1))), n \(e.n)"
                                   : "\(PageFormat.percent(e.shrunk)) (\(PageFormat.percent(e.low))–\(PageFormat.percent(e.high))), n \(e.n)"
                           })
            })
        }
        let columns = 8.0, rows = 9.0
        return NeedsPage(
            layout: layout, surveys: surveys.joined(separator: ", "),
            groupOptions: [Option(value: "", label: "All learner groups together", selected: group == nil)]
                + Taxonomy.learnerGroup.codes.enumerated().map { Option(value: $1, label: Taxonomy.learnerGroup.label(at: $0), selected: $1 == group) },
            groupLabel: group.flatMap { g in Taxonomy.learnerGroup.index(of: g).map { Taxonomy.learnerGroup.label(at: $0) } } ?? "all learner groups together",
            tiles: tiles, viewBox: "0 0 \(Int(columns * (w + g))) \(Int(rows * (h + g)))",
            bands: [Band(band: "b0", label: "0 to 19"), Band(band: "b1", label: "20 to 39"), Band(band: "b2", label: "40 to 59"),
                    Band(band: "b3", label: "60 to 79"), Band(band: "b4", label: "80 to 100"), Band(band: "none", label: "no responses")],
            rics: rics, indicatorHeadings: headline.map(\.label), hasRows: !councilRows.isEmpty, allGroupsNote: group == nil)
    }
}
