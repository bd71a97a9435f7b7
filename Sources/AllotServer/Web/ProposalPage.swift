import AllotCore
import AllotRounds
import AllotStore
import Foundation

/// `/rounds/{round}/proposals/{proposal}`: why it scored what it scored, its evidence, its reviews, its
/// counterfactuals, the decision history and (for an admin) the panel's decision form.
struct ProposalPage: Sendable {
    struct Criterion: Sendable {
        let name: String
        let value: String
        let weight: String
        let contribution: String
        let explanation: String
    }

    struct Cell: Sendable {
        let group: String
        let area: String
        let demand: String
        let supplied: String
        let gap: String
        let filled: String
        let needIndex: String
        let respondents: Int
    }

    /// One counted review: the reviewer's overall score raw and calibrated, and how far the calibration moved it.
    struct ReviewLine: Sendable {
        let reviewer: String
        let raw: String
        let calibrated: String
        let change: String
    }

    struct Decision: Sendable {
        let when: String
        let decision: String
        let by: String
        let reason: String
    }

    /// The decision form's values and errors (re-shown as entered after an error).
    struct Form: Sendable {
        let csrf: String
        let action: String
        let fundChecked: Bool
        let declineChecked: Bool
        let amount: String
        let reason: String
        let recommendation: String
        let errors: FormErrors
        let decisionError: String?
        let amountError: String?
        let reasonError: String?
    }

    let layout: PageLayout
    let id: String
    let title: String
    let applicant: String
    let asks: String
    let minimum: String?
    let rank: Int
    let score: String
    let bar: ScoreBar
    let value: String
    let status: String
    let statusClass: String
    let chance: String
    let criteria: [Criterion]
    let cells: [Cell]
    let otherCells: String?
    let flags: [String]
    let hasFlags: Bool
    let trackRecord: String
    let panel: String?
    let reviews: [ReviewLine]
    let hasReviews: Bool
    let dropped: [String]
    let hasDropped: Bool
    let counterfactuals: [String]
    let hasCounterfactuals: Bool
    let history: [Decision]
    let hasHistory: Bool
    let form: Form?
    let recorded: Bool
    /// When the proposal was withdrawn (after the run shown), in words.
    var withdrawn: String?
    /// The withdrawal page, for an admin while the proposal is live and the round open.
    var withdrawHref: String?
    /// Just withdrawn: the page says so.
    var withdrawnNow = false

    static func make(round: RoundRecord, proposal p: RoundProposal, document doc: ResultDocument, decisions: [DecisionRecord], form: Form?,
                     recorded: Bool, layout: PageLayout) -> ProposalPage {
        let s = p.scored
        let criteria = doc.weights.keys.sorted()
        let e = s.evidence
        var counterfactuals: [String] = []
        if let at = p.fundedAtRequest { counterfactuals.append("It would be funded if it asked for \(PageFormat.money(at)) or less.") }
        if let levels = p.fundedAtBudgetLevels, !levels.isEmpty {
            counterfactuals.append("It stays funded at " + levels.map { PageFormat.percent($0) }.joined(separator: ", ") + " of the budget.")
        }
        let panel = e.panel.map { pr in
            "\(pr.reviews) reviews: raw score \(PageFormat.number(pr.rawScore)), calibrated \(PageFormat.number(pr.calibratedScore)) "
                + "(\(pr.method)); quality factor \(PageFormat.number(pr.qualityFactor))"
        }
        let reviewLines = (e.panel?.byReviewer ?? []).map { r in
            let change = r.calibratedScore - r.rawScore
            return ReviewLine(reviewer: r.reviewer, raw: PageFormat.number(r.rawScore), calibrated: PageFormat.number(r.calibratedScore),
                              change: abs(change) < 0.005 ? "none" : (change > 0 ? "+" : "\u{2212}") + PageFormat.number(abs(change)))
        }
        return ProposalPage(
            layout: layout, id: s.id, title: s.title.isEmpty ? s.id : s.title, applicant: s.applicant, asks: PageFormat.money(s.requested),
            minimum: s.minimum.map(PageFormat.money), rank: s.rank, score: PageFormat.number(s.score),
            bar: ScoreBar(score: s.score, components: s.components.mapValues { ComponentScoreView(contribution: $0.contribution) }, criteria: criteria),
            value: PageFormat.number(s.value, places: 1), status: p.status?.explanation ?? "–", statusClass: RoundPage.statusClass(p.status?.state),
            chance: PageFormat.percent(p.fundedProbability),
            criteria: criteria.compactMap { key in
                s.components[key].map {
                    Criterion(name: PageFormat.criterion(key), value: PageFormat.number($0.value), weight: PageFormat.number($0.weight),
                              contribution: PageFormat.number($0.contribution), explanation: $0.explanation)
                }
            },
            cells: e.cells.map {
                Cell(group: Taxonomy.learnerGroup.index(of: $0.group).map { Taxonomy.learnerGroup.label(at: $0) } ?? $0.group, area: $0.area, demand: PageFormat.hours($0.demandHours), supplied: PageFormat.hours($0.suppliedHours),
                     gap: PageFormat.hours($0.gapHours), filled: PageFormat.hours($0.filledHours), needIndex: PageFormat.number($0.needIndex),
                     respondents: $0.respondents)
            },
            otherCells: e.otherCells > 0 ? "and \(e.otherCells) more cells with fewer hours" : nil,
            flags: e.flags, hasFlags: !e.flags.isEmpty, trackRecord: e.trackRecord, panel: panel,
            reviews: reviewLines, hasReviews: !reviewLines.isEmpty,
            dropped: doc.calibration.dropped.filter { $0.contains(" on \(s.id): ") }, hasDropped: doc.calibration.dropped.contains { $0.contains(" on \(s.id): ") },
            counterfactuals: counterfactuals, hasCounterfactuals: !counterfactuals.isEmpty,
            history: decisions.filter { $0.proposal == s.id }.reversed().map {
                Decision(when: PageFormat.time($0.decidedAt), decision: RoundPage.decisionText($0), by: $0.decidedBy, reason: $0.reason ?? "–")
            },
            hasHistory: decisions.contains { $0.proposal == s.id }, form: form, recorded: recorded)
    }

    /// The recommendation in words, for the form's hint.
    static func recommendation(_ p: RoundProposal) -> String {
        p.recommended == true ? "The recommendation is to fund it with \(PageFormat.money(p.award))." : "The recommendation is not to fund it."
    }
}
