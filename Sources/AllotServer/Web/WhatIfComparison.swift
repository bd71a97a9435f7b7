import AllotCore
import AllotRounds
import Foundation

/// The stored run beside a what-if preview: which proposals enter and leave the funded set, awards that change, the
/// money by group and RIC, the objective and the budget used.
struct WhatIfComparison: Sendable {
    struct Move: Sendable {
        let id: String
        let title: String
        let href: String
        let before: String
        let after: String
        let why: String
    }

    struct MoneyRow: Sendable {
        let name: String
        let before: String
        let after: String
        let change: String
    }

    let entering: [Move]
    let leaving: [Move]
    let changed: [Move]
    let hasEntering: Bool
    let hasLeaving: Bool
    let hasChanged: Bool
    let unchanged: Bool
    let byGroup: [MoneyRow]
    let byRIC: [MoneyRow]
    let objectiveBefore: String
    let objectiveAfter: String
    let usedBefore: String
    let usedAfter: String
    let seconds: String

    init(stored doc: ResultDocument, preview: RoundResult, base: String, seconds: Double) {
        func funded(_ proposals: [RoundProposal]) -> [String: RoundProposal] {
            Dictionary(proposals.filter { $0.recommended == true }.map { ($0.scored.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let before = funded(doc.proposals), after = funded(preview.proposals)
        let previewByID = Dictionary(preview.proposals.map { ($0.scored.id, $0) }, uniquingKeysWith: { a, _ in a })
        func move(_ p: RoundProposal, _ b: Double?, _ a: Double?) -> Move {
            Move(id: p.scored.id, title: p.scored.title.isEmpty ? p.scored.id : p.scored.title,
                 href: "\(base)/proposals/\(PagePath.segment(p.scored.id))", before: PageFormat.money(b), after: PageFormat.money(a),
                 why: previewByID[p.scored.id]?.status?.explanation ?? "")
        }
        // In the preview's rank order, so the list reads as the new ranking does.
        let order = preview.proposals.map(\.scored.id)
        entering = order.compactMap { id in after[id].flatMap { before[id] == nil ? move($0, nil, $0.award) : nil } }
        leaving = order.compactMap { id in before[id].flatMap { after[id] == nil ? move($0, $0.award, nil) : nil } }
        changed = order.compactMap { id in
            guard let b = before[id], let a = after[id], abs((b.award ?? 0) - (a.award ?? 0)) >= 0.5 else { return nil }
            return move(a, b.award, a.award)
        }
        hasEntering = !entering.isEmpty
        hasLeaving = !leaving.isEmpty
        hasChanged = !changed.isEmpty
        unchanged = entering.isEmpty && leaving.isEmpty && changed.isEmpty
        byGroup = Self.money(doc.byGroup ?? [], preview.byGroup ?? [])
        byRIC = Self.money(doc.byRIC ?? [], preview.byRIC ?? [])
        objectiveBefore = PageFormat.number(doc.objective, places: 1)
        objectiveAfter = PageFormat.number(preview.objective, places: 1)
        usedBefore = "\(PageFormat.money(doc.allocated)) of \(PageFormat.money(doc.budget))"
        usedAfter = "\(PageFormat.money(preview.allocated)) of \(PageFormat.money(preview.budget))"
        self.seconds = PageFormat.number(seconds, places: 2)
    }

    /// Lines of both runs by key, in the stored run's order then any new ones.
    static func money(_ before: [MoneyLine], _ after: [MoneyLine]) -> [MoneyRow] {
        let a = Dictionary(after.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        let b = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        let keys = before.map(\.key) + after.map(\.key).filter { b[$0] == nil }
        return keys.compactMap { key in
            let x = b[key]?.amount ?? 0, y = a[key]?.amount ?? 0
            guard x > 0 || y > 0 else { return nil }
            let change = y - x
            return MoneyRow(name: b[key]?.name ?? a[key]?.name ?? key, before: PageFormat.money(x), after: PageFormat.money(y),
                            change: abs(change) < 0.5 ? "no change" : (change > 0 ? "+" : "") + Money.text(change))
        }
    }
}
