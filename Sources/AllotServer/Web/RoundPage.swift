import AllotCore
import AllotPortfolio
import AllotRounds
import AllotStore
import Foundation

/// `/rounds/{round}`: the panel's page, from the latest run's stored result (the API's `/results` document).
struct RoundPage: Sendable {
    /// Which proposals the ranking lists (`show=`).
    enum Show: String, CaseIterable, Sendable {
        case all
        case funded
        case nearLine = "near-line"
        case notFunded = "not-funded"

        var label: String {
            switch self {
            case .all: "All proposals"
            case .funded: "Funded or partly funded"
            case .nearLine: "Near the line"
            case .notFunded: "Not funded"
            }
        }
    }

    /// The ranking's filters as the query gives them; unknown values are ignored (a filter link must never break).
    struct Filters: Sendable {
        var show: Show = .all
        var group: String?
        var ric: String?

        init(show: String?, group: String?, ric: String?) {
            self.show = show.flatMap(Show.init(rawValue:)) ?? .all
            self.group = group.flatMap { $0.isEmpty ? nil : $0 }
            self.ric = ric.flatMap { $0.isEmpty ? nil : $0 }
        }

        func keeps(_ p: RoundProposal) -> Bool {
            switch show {
            case .all: break
            case .funded: guard p.recommended == true else { return false }
            case .nearLine: guard p.nearLine == true else { return false }
            case .notFunded: guard p.recommended != true else { return false }
            }
            if let group, !(p.reach?.groups.contains(group) ?? false) { return false }
            if let ric, !(p.reach?.rics.contains(ric) ?? false) { return false }
            return true
        }
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Rule: Sendable {
        let name: String
        let required: String
        let achieved: String
        /// met, binding or failed.
        let status: String
    }

    struct MoneyRow: Sendable {
        let name: String
        let amount: String
        let share: String
        let floor: String
        let projects: Int
    }

    struct Row: Sendable {
        let rank: Int
        let id: String
        let title: String
        let href: String
        let applicant: String
        let asks: String
        let award: String
        let score: String
        let bar: ScoreBar
        let value: String
        let chance: String
        let nearLine: Bool
        let status: String
        /// funded, partly or not: the status's colour in the stylesheet.
        let statusClass: String
        let decision: String?
    }

    let layout: PageLayout
    let roundID: String
    let state: String
    let hasResult: Bool
    let runID: String?
    let runHref: String?
    let runTrigger: String?
    let whatIfHref: String
    let historyHref: String
    /// Set for admins, who may change the round.
    let settingsHref: String?
    let csvHref: String?
    let hasBudget: Bool
    let budgetLine: String
    let budgetUsedWidth: String
    let rules: [Rule]
    let hasRules: Bool
    let capNote: String?
    let byGroup: [MoneyRow]
    let byRIC: [MoneyRow]
    let showOptions: [Option]
    let groupOptions: [Option]
    let ricOptions: [Option]
    let rows: [Row]
    let countLine: String
    let criteria: [CriterionKey]
    let notes: [String]
    let hasNotes: Bool

    static func make(round: RoundRecord, entry: ResultCache.Entry?, run: RoundRunRecord?, decisions: [DecisionRecord], filters: Filters,
                     layout: PageLayout, canChange: Bool) throws -> RoundPage {
        let base = "/rounds/\(PagePath.segment(round.id))"
        let settingsHref = canChange ? "\(base)/settings" : nil
        guard let entry else {
            return RoundPage(layout: layout, roundID: round.id, state: round.state.rawValue, hasResult: false, runID: nil, runHref: nil, runTrigger: nil,
                             whatIfHref: "\(base)/what-if", historyHref: "\(base)/history", settingsHref: settingsHref, csvHref: nil,
                             hasBudget: false, budgetLine: "", budgetUsedWidth: "0", rules: [], hasRules: false, capNote: nil, byGroup: [], byRIC: [],
                             showOptions: [], groupOptions: [], ricOptions: [], rows: [], countLine: "", criteria: [], notes: [], hasNotes: false)
        }
        guard let doc = entry.document else { throw ServiceStoreError.corrupt("round_run.result of \(entry.run) cannot be read") }
        let standing = Dictionary(DecisionTrail.standing(decisions).map { ($0.proposal, $0) },
                                  uniquingKeysWith: { a, _ in a })
        let criteria = doc.weights.keys.sorted()
        let kept = doc.proposals.filter(filters.keeps)
        let rows = kept.map { p in
            Row(rank: p.scored.rank, id: p.scored.id, title: p.scored.title.isEmpty ? p.scored.id : p.scored.title,
                href: "\(base)/proposals/\(PagePath.segment(p.scored.id))", applicant: p.scored.applicant, asks: PageFormat.money(p.scored.requested),
                award: p.recommended == true ? PageFormat.money(p.award) : "–", score: PageFormat.number(p.scored.score),
                bar: ScoreBar(score: p.scored.score, components: p.scored.components.mapValues { ComponentScoreView(contribution: $0.contribution) },
                              criteria: criteria),
                value: PageFormat.number(p.scored.value, places: 1), chance: PageFormat.percent(p.fundedProbability), nearLine: p.nearLine == true,
                status: p.status?.explanation ?? (doc.budget == nil ? "no budget: ranked only" : "–"),
                statusClass: statusClass(p.status?.state), decision: standing[p.scored.id].map(decisionText))
        }
        let budget = doc.budget ?? 0
        let allocated = doc.allocated ?? 0
        // Applicant caps are listed only where they bind or fail; the rest are one line, as in the text output.
        let isCap: (ConstraintLine) -> Bool = { $0.name.hasPrefix("applicant_cap:") }
        let lines = doc.constraints ?? []
        let slackCaps = lines.filter { isCap($0) && rule($0).status == "met" }
        let shownRules = lines.filter { !isCap($0) || rule($0).status != "met" }
        let groups = Set(doc.proposals.flatMap { $0.reach?.groups ?? [] })
        let rics = Set(doc.proposals.flatMap { $0.reach?.rics ?? [] })
        return RoundPage(
            layout: layout, roundID: round.id, state: round.state.rawValue, hasResult: true, runID: entry.run,
            runHref: "\(base)/runs/\(PagePath.segment(entry.run))", runTrigger: run.map { "run by \($0.trigger) at \(PageFormat.time($0.startedAt))" },
            whatIfHref: "\(base)/what-if", historyHref: "\(base)/history", settingsHref: settingsHref, csvHref: "\(base)/results.csv", hasBudget: doc.budget != nil,
            budgetLine: "\(PageFormat.money(allocated)) of \(PageFormat.money(budget)) used (\(PageFormat.percent(budget > 0 ? allocated / budget : nil)))",
            budgetUsedWidth: PageFormat.number(budget > 0 ? min(max(allocated / budget, 0), 1) * 300 : 0, places: 1),
            rules: shownRules.map(rule), hasRules: !shownRules.isEmpty,
            capNote: slackCaps.isEmpty ? nil : "\(slackCaps.count) \(slackCaps.count == 1 ? "applicant is" : "applicants are") within the cap of "
                + "\(PageFormat.money(slackCaps[0].required)) per applicant (not listed).",
            byGroup: (doc.byGroup ?? []).map(moneyRow), byRIC: (doc.byRIC ?? []).filter { $0.amount > 0 || $0.floor != nil }.map(moneyRow),
            showOptions: Show.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == filters.show) },
            groupOptions: [Option(value: "", label: "All learner groups", selected: filters.group == nil)]
                + Taxonomy.learnerGroup.codes.enumerated().filter { groups.contains($0.element) }.map { i, code in
                    Option(value: code, label: Taxonomy.learnerGroup.label(at: i), selected: code == filters.group)
                },
            ricOptions: [Option(value: "", label: "All RICs", selected: filters.ric == nil)]
                + Geography.rics.filter(rics.contains).map { Option(value: $0, label: Geography.ricNames[$0] ?? $0, selected: $0 == filters.ric) },
            rows: rows,
            countLine: rows.count == doc.proposals.count ? "All \(rows.count) proposals" : "\(rows.count) of \(doc.proposals.count) proposals",
            criteria: CriterionKey.keys(criteria, weights: doc.weights), notes: doc.notes, hasNotes: !doc.notes.isEmpty)
    }

    static func statusClass(_ state: FundingStatus.State?) -> String {
        switch state {
        case .funded: "funded"
        case .partlyFunded: "partly"
        case .notFunded, nil: "not-funded"
        }
    }

    static func decisionText(_ d: DecisionRecord) -> String {
        switch d.decision {
        case .fund: "Fund \(PageFormat.money(d.amount))" + (d.departed ? " (departs from the recommendation)" : "")
        case .decline: "Decline" + (d.departed ? " (departs from the recommendation)" : "")
        }
    }

    static func rule(_ c: ConstraintLine) -> Rule {
        let shown: (Double) -> String = { v in
            switch c.unit {
            case .pounds: return PageFormat.money(v)
            case .proposals:
                let n = Int(v.rounded())
                return n == 1 ? "1 proposal" : "\(n) proposals"
            }
        }
        let (name, bound) = RoundRenderer.describe(c.name)
        // "at most" rules (budget, caps) fail when exceeded, "at least" rules when short.
        let failed = bound == "at most" ? c.achieved > c.required + 0.005 : c.achieved + 0.005 < c.required
        let status = failed ? "failed" : c.binding ? "binding" : "met"
        return Rule(name: name, required: bound.isEmpty ? shown(c.required) : "\(bound) \(shown(c.required))", achieved: shown(c.achieved), status: status)
    }

    static func moneyRow(_ m: MoneyLine) -> MoneyRow {
        MoneyRow(name: m.name, amount: PageFormat.money(m.amount), share: PageFormat.percent(m.share), floor: m.floor.map(PageFormat.money) ?? "–",
                 projects: m.projects)
    }
}
