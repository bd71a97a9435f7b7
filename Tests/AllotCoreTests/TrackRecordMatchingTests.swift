import AllotCore
import Testing

@Suite("Track records matched by applicant key")
struct TrackRecordMatchingTests {
    static func deliverability(applicant: String, aliases: [String: [String]], provider: String = "SSERC") -> (Double, String) {
        let config = ScoringConfig(aliases: aliases, gaps: GapConfig(targetHours: ["primary": 10]))
        let returns = [ParticipationReturn(provider: provider, year: "2022-23", group: ScoringTests.primary,
                                           area: .council(ScoringTests.highland), participants: 40, cumulativeHours: 400)]
        let gaps = GapModel(need: ScoringTests.need(highlandDifficult: 10, highlandHours: 10), returns: returns, supplyYear: "2022-23",
                            workforce: ScoringTests.workforce(), reference: nil, config: config.gaps)
        var proposal = ScoringTests.proposal()
        proposal.applicant = applicant
        let scored = ProposalScorer(gaps: gaps, config: config).score(proposal, panel: nil)
        return (scored.components["deliverability"]?.value ?? -1, scored.components["deliverability"]?.explanation ?? "")
    }

    @Test("an alias applies to every spelling of its applicant")
    func aliasesMatchEverySpelling() {
        // Config says "Scottish Schools Education Research Centre" files its returns as SSERC; the proposal spells it
        // in capitals with a doubled space and a full stop.
        let aliases = ["Scottish Schools Education Research Centre": ["SSERC"]]
        let (value, why) = Self.deliverability(applicant: "SCOTTISH SCHOOLS  EDUCATION RESEARCH CENTRE.", aliases: aliases)
        #expect(value > 0.5, "\(why)")
        #expect(why.hasPrefix("returns as SSERC"))
    }

    @Test("a provider's returns are found under a compatibility spelling of its name, and counted once")
    func providerNamesAreNormalised() {
        // Full-width letters in the returns; the applicant also lists its own name as an alias.
        let (value, why) = Self.deliverability(applicant: "SSERC", aliases: ["sserc": ["SSERC."]], provider: "\u{FF33}SERC")
        #expect(value == 0.5 + 0.5 * 40.0 / 50.0, "\(why)")
        #expect(why.contains("40 participants"))
    }
}
