import AllotCore
import AllotPortfolio

/// Whether the recommended portfolio funds a proposal and, when it does not, why, in plain words: a panel
/// member looking at a high-ranked proposal with no award must not have to guess.
public struct FundingStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, Equatable {
        case funded
        case partlyFunded = "partly funded"
        case notFunded = "not funded"
    }

    /// Why a proposal is not funded, most specific first.
    public enum Reason: String, Codable, Sendable, Equatable {
        /// It has fewer reviews than the round's `minimum_reviews`: not fundable until they are in.
        case tooFewReviews = "too_few_reviews"
        /// Its cells are supplied to target, or have no demand evidence: it adds no value.
        case noGap = "no_gap"
        /// Its applicant's other recommended awards leave no room under the cap for even its minimum.
        case applicantCap = "applicant_cap"
        /// Lower-ranked proposals that buy more need-weighted gap hours per pound took the money.
        case outscoredForMoney = "outscored_for_money"
        /// Lower-ranked proposals were funded to meet the round's floors or reach rules.
        case roundRules = "round_rules"
        /// Everything ranked above it was funded and nothing is left.
        case budgetSpent = "budget_spent"
    }

    public let state: State
    public let reason: Reason?
    /// The reason, or the partial award, in words.
    public let explanation: String
    /// The funded proposals it lost the money to (for `outscored_for_money` and `round_rules`).
    public let outscoredBy: [String]

    enum CodingKeys: String, CodingKey { case state, reason, explanation; case outscoredBy = "outscored_by" }

    /// Statuses for every proposal of a round with a recommended portfolio.
    /// `applicant` gives a proposal's applicant as one name for all its spellings (caps compare applicants, not strings).
    static func make(ranked: [ScoredProposal], portfolio: PortfolioResult, cap: Double?, shortOfReviews: ShortOfReviews,
                     applicant: (ScoredProposal) -> String) -> [String: FundingStatus] {
        var awards: [String: Double] = [:]
        for a in portfolio.awards where a.recommended { awards[a.id] = a.award }
        // Each proposal's applicant once, and each applicant's recommended total once: a 10,000-proposal round
        // must not normalise names 10,000 times per unfunded proposal.
        var names: [String: String] = [:]
        var awardedTo: [String: Double] = [:]
        for p in ranked {
            let name = applicant(p)
            names[p.id] = name
            awardedTo[name, default: 0] += awards[p.id] ?? 0
        }
        // Funded proposals by rank, with their value per pound, for the "outscored" reasons.
        let funded = ranked.filter { awards[$0.id] != nil }.sorted { $0.rank < $1.rank }
        var out: [String: FundingStatus] = [:]
        for p in ranked {
            if let award = awards[p.id] {
                out[p.id] = award < p.requested - 0.005
                    ? FundingStatus(state: .partlyFunded, reason: nil,
                                    explanation: "partly funded: \(Money.text(award)) of the \(Money.text(p.requested)) it asks", outscoredBy: [])
                    : FundingStatus(state: .funded, reason: nil, explanation: "funded in full", outscoredBy: [])
                continue
            }
            if let reviews = shortOfReviews.reviews[p.id] {
                out[p.id] = FundingStatus(
                    state: .notFunded, reason: .tooFewReviews,
                    explanation: "not funded: fewer reviews than required (\(reviews) of \(shortOfReviews.minimum)); it can be funded once its reviews are in",
                    outscoredBy: [])
                continue
            }
            let name = names[p.id] ?? p.applicant
            out[p.id] = notFunded(p, applicant: name, othersAwarded: awardedTo[name] ?? 0, fundedBelow: funded.filter { $0.rank > p.rank }, cap: cap)
        }
        return out
    }

    private static func notFunded(_ p: ScoredProposal, applicant name: String, othersAwarded: Double, fundedBelow: [ScoredProposal],
                                  cap: Double?) -> FundingStatus {
        if p.value <= 0 {
            let why = p.evidence.flags.first { $0.hasPrefix("fills no gap") || $0.hasPrefix("no demand evidence") || $0.hasPrefix("reaches no cell") }
            return FundingStatus(state: .notFunded, reason: .noGap, explanation: "not funded: " + (why ?? "it fills no gap"), outscoredBy: [])
        }
        if let cap {
            let least = p.minimum ?? p.requested
            if othersAwarded + least > cap + 0.005 {
                return FundingStatus(
                    state: .notFunded, reason: .applicantCap,
                    explanation: "not funded: over its applicant's cap: \(Money.text(othersAwarded)) is recommended for \(name)'s other proposals, "
                        + "the cap is \(Money.text(cap)) and this one needs at least \(Money.text(least))", outscoredBy: [])
            }
        }
        let perPound = p.value / p.requested
        let better = fundedBelow.filter { $0.value / $0.requested > perPound }
        if !better.isEmpty {
            return FundingStatus(state: .notFunded, reason: .outscoredForMoney,
                                 explanation: "not funded: outscored for the money by \(list(better)), ranked lower but buying more need-weighted gap hours per pound",
                                 outscoredBy: better.map(\.id))
        }
        if !fundedBelow.isEmpty {
            return FundingStatus(state: .notFunded, reason: .roundRules,
                                 explanation: "not funded: the round's floors and reach rules put the money into \(list(fundedBelow))",
                                 outscoredBy: fundedBelow.map(\.id))
        }
        return FundingStatus(state: .notFunded, reason: .budgetSpent,
                             explanation: "not funded: the budget is spent on the proposals ranked above it", outscoredBy: [])
    }

    /// Up to three ids, then how many more.
    private static func list(_ proposals: [ScoredProposal]) -> String {
        let ids = proposals.prefix(3).map(\.id).joined(separator: ", ")
        return proposals.count > 3 ? "\(ids) and \(proposals.count - 3) more" : ids
    }
}

/// The proposals with fewer reviews than the round's fewest (id -> reviews counted), which the portfolio leaves out.
struct ShortOfReviews {
    let reviews: [String: Int]
    let minimum: Int
}
