import AllotCore
import Testing

@Suite struct ScoringTests {
    static let primary = Taxonomy.learnerGroup.index(of: "primary") ?? 0
    static let highland = Geography.councilIndex(matching: "Highland") ?? 0
    static let fife = Geography.councilIndex(matching: "Fife") ?? 0

    /// Survey responses: every council has primary respondents; Highland's `difficult` of 30 found access difficult.
    static func need(highlandDifficult: Int, highlandHours: Int64) -> NeedReport {
        var tally = NeedTally()
        for (c, _) in Geography.councils.enumerated() {
            let highland = c == Self.highland
            for i in 0..<30 {
                let difficult = highland ? i < highlandDifficult : i < 6 + c % 4
                tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "\(c)-\(i)", sector: primary, council: c,
                                         hoursMilli: (highland ? highlandHours : 12 + Int64(c % 5)) * 1000,
                                         easeOfAccess: difficult ? 1 : 3, barriers: CodeSet([0]), priorities: CodeSet([0, 6]),
                                         confidence: i % 4 == 0 ? 1 : 3))
            }
        }
        return NeedModel.build(tally)
    }

    static func workforce() -> Workforce {
        var w = Workforce()
        for c in Geography.councils.indices { w.headcount[primary][c] = 100 }
        return w
    }

    static func supply(highlandHours: Double) -> [ParticipationReturn] {
        [ParticipationReturn(provider: "SSERC", year: "2022-23", group: primary, area: .council(highland), participants: 40, cumulativeHours: highlandHours),
         ParticipationReturn(provider: "SSERC", year: "2022-23", group: primary, area: .council(fife), participants: 40, cumulativeHours: 400)]
    }

    static func proposal(_ id: String = "P1", requested: Double = 20000, areas: [ProposalArea] = [.council(highland)]) -> Proposal {
        Proposal(id: id, applicant: "Highland Science Festival", requested: requested, participants: [(primary, 50)], areas: areas,
                 hoursPerParticipant: 10, priorities: CodeSet([0]), barriersAddressed: CodeSet([0]))
    }

    static func scorer(need: NeedReport = need(highlandDifficult: 10, highlandHours: 10), supplied: Double = 0) -> ProposalScorer {
        let config = ScoringConfig(gaps: GapConfig(targetHours: ["primary": 10]))
        let gaps = GapModel(need: need, returns: supply(highlandHours: supplied), supplyYear: "2022-23", workforce: workforce(), reference: nil, config: config.gaps)
        return ProposalScorer(gaps: gaps, config: config)
    }

    @Test func moreNeedInTheTargetCellRaisesTheScore() {
        let calm = Self.scorer(need: Self.need(highlandDifficult: 5, highlandHours: 20)).score(Self.proposal(), panel: nil)
        let needy = Self.scorer(need: Self.need(highlandDifficult: 25, highlandHours: 2)).score(Self.proposal(), panel: nil)
        #expect(needy.score > calm.score)
        #expect(needy.value > calm.value)
        #expect((needy.components["need_alignment"]?.value ?? 0) > (calm.components["need_alignment"]?.value ?? 1))
    }

    @Test func moreSupplyInTheTargetCellLowersTheScore() {
        // Demand in Highland is 100 practitioners x 10 h = 1,000 h; the proposal brings 500 h.
        let thin = Self.scorer(supplied: 100).score(Self.proposal(), panel: nil)
        let thick = Self.scorer(supplied: 800).score(Self.proposal(), panel: nil)
        #expect(thick.score < thin.score)
        #expect(thick.evidence.cells.first?.gapHours == 200)
        #expect(thick.evidence.cells.first?.filledHours == 200)
        let full = Self.scorer(supplied: 1500).score(Self.proposal(), panel: nil)
        #expect(full.value == 0 && full.evidence.flags.contains { $0.hasPrefix("fills no gap") })
    }

    @Test func aCheaperIdenticalProposalNeverRanksLower() {
        let ranked = Self.scorer().rank([Self.proposal("A-dear", requested: 30000), Self.proposal("B-cheap", requested: 12000),
                                         Self.proposal("C-same", requested: 30000)], panel: [:])
        let rank = Dictionary(uniqueKeysWithValues: ranked.map { ($0.id, $0.rank) })
        #expect((rank["B-cheap"] ?? 9) < (rank["A-dear"] ?? 0))
        #expect((rank["B-cheap"] ?? 9) < (rank["C-same"] ?? 0))
        // Identical scores tie-break by id, whatever the input order.
        let reversed = Self.scorer().rank([Self.proposal("C-same", requested: 30000), Self.proposal("A-dear", requested: 30000),
                                           Self.proposal("B-cheap", requested: 12000)], panel: [:])
        #expect(reversed.map(\.id) == ranked.map(\.id))
    }

    @Test func componentsSumToTheScore() {
        let scored = Self.scorer(supplied: 300).score(Self.proposal(areas: [.ric("northern-alliance"), .council(Self.fife)]), panel:
            PanelResult(reviews: 3, rawScore: 4, calibratedScore: 3.8, normalised: 0.7, qualityFactor: 1.2, method: "reviewer-bias"))
        let sum = scored.components.values.reduce(0) { $0 + $1.contribution }
        #expect(abs(sum - scored.score) < 1e-9)
        for c in scored.components.values {
            #expect((0...1).contains(c.value))
            #expect(abs(c.contribution - c.weight * c.value) < 1e-6)
        }
        #expect(scored.components.count == Criterion.allCases.count)
        #expect(scored.components["panel_quality"]?.value == 0.7)
        #expect(scored.components["deliverability"]?.value == 0.5)   // no returns under the applicant's name
    }

    @Test func theQualityFactorScalesValueAndAddingAProposalChangesNoOtherScore() {
        let p = Self.proposal()
        let neutral = Self.scorer().score(p, panel: nil)
        let strong = Self.scorer().score(p, panel: PanelResult(reviews: 2, rawScore: 5, calibratedScore: 5, normalised: 1, qualityFactor: 1.5, method: "z-score"))
        #expect(abs(strong.value - neutral.value * 1.5) < 0.02)
        let alone = Self.scorer().rank([p], panel: [:]).first?.score
        let withOthers = Self.scorer().rank([p, Self.proposal("X", requested: 5000), Self.proposal("Y", areas: [.national])], panel: [:])
        #expect(withOthers.first { $0.id == "P1" }?.score == alone)
    }
}
