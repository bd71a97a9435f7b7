@testable import AllotCore
import Testing

@Suite("Demand without a workforce file is estimated, never set by the sample size")
struct DemandEstimateTests {
    static let primary = Taxonomy.learnerGroup.index(of: "primary")!
    static let asn = Taxonomy.learnerGroup.index(of: "asn")!
    static let technician = Taxonomy.learnerGroup.index(of: "technician")!
    static let highland = Geography.councilIndex(matching: "Highland")!
    static let fife = Geography.councilIndex(matching: "Fife")!

    /// 20 primary respondents in every council; `asnRespondents` ASN respondents, all in Fife.
    static func need(asnRespondents: Int = 5, asnHours: Int64 = 21) -> NeedReport {
        var tally = NeedTally()
        for c in Geography.councils.indices {
            for i in 0..<20 {
                tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "p\(c)-\(i)", sector: primary, council: c,
                                         hoursMilli: (20 + Int64(i % 5)) * 1000, easeOfAccess: i % 3 == 0 ? 1 : 3))
            }
        }
        for i in 0..<asnRespondents {
            tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "a\(i)", sector: asn, council: fife,
                                     hoursMilli: asnHours * 1000, easeOfAccess: 1))
        }
        return NeedModel.build(tally)
    }

    /// Counts primary (100 a council) and ASN (60 a council): a census-like reference.
    static func reference(asn: Int = 60) -> ReferenceWorkforce {
        var w = Workforce()
        for c in Geography.councils.indices {
            w.headcount[primary][c] = 100
            w.headcount[Self.asn][c] = asn
        }
        return ReferenceWorkforce(headcount: w, source: "test census")
    }

    static func primaryOnlyReference() -> ReferenceWorkforce {
        var w = Workforce()
        for c in Geography.councils.indices { w.headcount[primary][c] = 100 }
        return ReferenceWorkforce(headcount: w, source: "test census")
    }

    static func gaps(_ need: NeedReport, reference: ReferenceWorkforce?, returns: [ParticipationReturn] = [],
                     workforce: Workforce? = nil) -> GapModel {
        GapModel(need: need, returns: returns, supplyYear: "2022-23", workforce: workforce, reference: reference,
                 config: GapConfig(targetHours: ["primary": 21, "asn": 21]))
    }

    static func asnProposal(in council: Int) -> Proposal {
        Proposal(id: "P-ASN", applicant: "Inclusion Network", requested: 10_000, participants: [(asn, 20)],
                 areas: [.council(council)], hoursPerParticipant: 6, priorities: CodeSet([0]), barriersAddressed: CodeSet([0]))
    }

    @Test("a council where none of a group answered still has that group's demand, and a proposal there keeps its value")
    func councilWithoutRespondentsHasDemand() {
        let model = Self.gaps(Self.need(), reference: Self.primaryOnlyReference())
        #expect(model.practitioners[Self.asn][Self.highland] > 0)
        #expect(model.demand[Self.asn][Self.highland] > 0)
        #expect(model.estimate.method(group: Self.asn) == .responseRate)
        let scored = ProposalScorer(gaps: model, config: ScoringConfig(gaps: GapConfig(targetHours: ["primary": 21, "asn": 21]))).score(Self.asnProposal(in: Self.highland), panel: nil)
        #expect(scored.value > 0)
        #expect(!scored.evidence.flags.contains { $0.contains("supplied") })
    }

    @Test("a small group's national demand rests on its counted workforce, not on its 15 respondents")
    func smallGroupIsNotOverSupplied() {
        // 15 ASN respondents x 21 h = 315 h would look over-supplied against 3,288 supplied hours.
        let returns = [ParticipationReturn(provider: "SSERC", year: "2022-23", group: Self.asn, area: .council(Self.fife),
                                           participants: 300, cumulativeHours: 3_288)]
        let model = Self.gaps(Self.need(asnRespondents: 15), reference: Self.reference(), returns: returns)
        let national = model.report().cells.first { $0.level == "national" && $0.group == "asn" }!
        #expect(national.practitioners == Double(60 * Geography.councils.count))
        #expect(national.demandHours == Double(60 * Geography.councils.count * 21))
        #expect(national.gapHours > 0)
        #expect(national.practitionersMethod == .reference)
    }

    @Test("an estimated group carries a range from the counted groups' response rates")
    func estimateHasARange() {
        // Primary answers at 20 of 100 (20%); ASN is counted at 60 a council with 5 respondents (0.26%).
        var w = Self.reference().headcount
        let tech = Self.technician
        var tally = NeedTally()
        for c in Geography.councils.indices {
            for i in 0..<20 {
                tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "p\(c)-\(i)", sector: Self.primary, council: c,
                                         hoursMilli: 20_000))
            }
        }
        for i in 0..<5 { tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "a\(i)", sector: Self.asn, council: Self.fife, hoursMilli: 21_000)) }
        for i in 0..<8 { tally.add(SurveyResponse(survey: "technician-2022-23", responseID: "t\(i)", sector: tech, council: Self.highland, hoursMilli: 19_000)) }
        w.headcount[tech] = Array(repeating: 0, count: Geography.councils.count)
        let model = Self.gaps(NeedModel.build(tally), reference: ReferenceWorkforce(headcount: w, source: "test"))
        let group = model.estimate.groups.first { $0.group == "technician" }!
        #expect(group.method == .responseRate)
        #expect(group.low < group.practitioners && group.practitioners < group.high)
        let rate = model.estimate.responseRate!
        #expect(rate.groups == ["primary", "asn"])
        #expect(abs(group.practitioners - 8 / rate.pooled) < 0.5)
        // Every council gets a share, Highland (where all 8 answered) the largest.
        #expect(model.practitioners[tech].allSatisfy { $0 > 0 })
        #expect(model.practitioners[tech].max() == model.practitioners[tech][Self.highland])
        #expect(model.report().notes.contains { $0.contains("response rate of primary, asn") })
    }

    @Test("with no workforce counts at all, respondents stand in and the output says demand is understated")
    func noCountsSaysUnderstated() {
        let model = Self.gaps(Self.need(), reference: nil)
        #expect(model.practitionersFrom == .surveyRespondents)
        #expect(model.report().notes.contains { $0.contains("demand is understated") })
    }

    @Test("the workforce file counts a group; groups it leaves out are still estimated")
    func workforceFileFirst() {
        var w = Workforce()
        for c in Geography.councils.indices { w.headcount[Self.primary][c] = 50 }
        let model = Self.gaps(Self.need(), reference: Self.reference(asn: 70), workforce: w)
        #expect(model.practitioners[Self.primary][Self.highland] == 50)
        #expect(model.practitioners[Self.asn][Self.highland] == 70)
        #expect(model.practitionersFrom == .workforceAndEstimate)
    }

    @Test("no demand evidence and supplied to target are different messages")
    func flagsTellApart() {
        #expect(ProposalScorer.noGapFlag([(0, 0)]) == "no demand evidence: no practitioners of its groups are known in the cells it reaches")
        #expect(ProposalScorer.noGapFlag([(100, 120)]) == "fills no gap: every cell it reaches is already supplied to its target")
        #expect(ProposalScorer.noGapFlag([(100, 120), (0, 0)])?.contains("1 have no demand evidence") == true)
    }
}

@Suite("Each group's default target hours come from its own survey")
struct DefaultTargetTests {
    @Test("with a technician and a practitioner survey of one year, each group gets its own survey's mean")
    func ownSurveysMean() {
        let primary = Taxonomy.learnerGroup.index(of: "primary")!, secondary = Taxonomy.learnerGroup.index(of: "secondary")!
        var tally = NeedTally()
        // The technician survey first, so a rule that takes the first national row would give practitioners 19.2 h.
        for i in 0..<5 {
            tally.add(SurveyResponse(survey: "technician-2022-23", responseID: "t\(i)", sector: Taxonomy.learnerGroup.index(of: "technician")!,
                                     council: 0, hoursMilli: i == 0 ? 16_000 : 20_000))
        }
        for i in 0..<4 { tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "p\(i)", sector: primary, council: 0, hoursMilli: 20_000)) }
        for i in 0..<4 { tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "s\(i)", sector: secondary, council: 1, hoursMilli: 22_560)) }
        let need = NeedModel.build(tally)
        let model = GapModel(need: need, returns: [], supplyYear: nil, workforce: nil, reference: nil, config: GapConfig())
        #expect(model.target[primary] == 21.28)
        #expect(model.target[secondary] == 21.28)
        #expect(model.target[Taxonomy.learnerGroup.index(of: "technician")!] == 19.2)
        #expect(need.defaultTargets["technician"]?.survey == "technician-2022-23")
        #expect(need.defaultTargets["primary"]?.survey == "practitioner-2022-23")
    }

    @Test("a configured target wins over the survey's mean")
    func configuredTarget() {
        let primary = Taxonomy.learnerGroup.index(of: "primary")!
        var tally = NeedTally()
        tally.add(SurveyResponse(survey: "practitioner-2022-23", responseID: "p", sector: primary, council: 0, hoursMilli: 20_000))
        let model = GapModel(need: NeedModel.build(tally), returns: [], supplyYear: nil, workforce: nil, reference: nil,
                             config: GapConfig(targetHours: ["primary": 30]))
        #expect(model.target[primary] == 30)
    }
}
