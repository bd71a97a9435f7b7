@testable import AllotCore
import Testing

/// The fast paths a survey file is counted through give what the plain ones give.
@Suite struct SurveyCountsTests {
    /// Responses with every answer sometimes blank, over two years, a survey id with no year, and refusals.
    private func responses(_ count: Int, seed: UInt64) -> [SurveyResponse] {
        var g = SeededRandom(seed: seed)
        func pick(_ n: Int) -> Int? { g.chance(0.2) ? nil : Int(g.next() % UInt64(n)) }
        func set(_ n: Int) -> CodeSet? { g.chance(0.2) ? nil : CodeSet(bits: g.next() & ((1 << UInt64(n)) - 1)) }
        let surveys = ["practitioner-2022-23", "technician-2022-23", "practitioner-2023-24", "pilot-survey"]
        return (0..<count).map { i in
            var r = SurveyResponse(survey: surveys[Int(g.next() % 4)], responseID: "r\(i)",
                                   sector: Int(g.next() % UInt64(Taxonomy.sector.count)), role: pick(Taxonomy.role.count))
            r.council = pick(Geography.councils.count)
            r.hoursMilli = g.chance(0.2) ? nil : Int64(g.next() % 50_000)
            r.hoursVsLastYear = pick(Taxonomy.hoursVsLastYear.count)
            r.easeOfAccess = pick(Taxonomy.easeOfAccess.count)
            r.choiceSufficient = pick(Taxonomy.choiceSufficient.count)
            r.confidence = pick(Taxonomy.confidence.count)
            r.plTypes = set(Taxonomy.plTypes.count)
            r.providers = set(Taxonomy.providers.count)
            r.barriers = set(Taxonomy.barriers.count)
            r.priorities = set(Taxonomy.priorities.count)
            if g.chance(0.7) {
                r.enrichment = PostcodeEnrichment(simdQuintile: pick(6), urbanRural6: pick(7))
            }
            return r
        }
    }

    @Test func anObservationAgreesWithEveryIndicatorObservedOneByOne() {
        #expect(NeedIndicator.shares.count <= 64, "the observation keeps one bit per share indicator")
        for r in responses(3_000, seed: 5) {
            let observation = NeedObservation(r)
            for i in NeedIndicator.shares.indices {
                let one = NeedIndicator.observe(i, r)
                #expect((observation.answered & (1 << UInt64(i)) != 0) == one.answered)
                #expect((observation.yes & (1 << UInt64(i)) != 0) == one.yes)
            }
        }
    }

    @Test func countsKeptPerSurveyMergeToTheTalliesAddedRowByRow() {
        let rows = responses(4_000, seed: 9)
        var plain = NeedTally()
        var plainTallies: [String: SurveyTally] = [:]
        var counts: [String: SurveyCounts] = [:]
        for (i, r) in rows.enumerated() {
            plain.add(r)
            plainTallies[r.survey, default: SurveyTally(survey: r.survey)].add(r)
            counts[r.survey, default: SurveyCounts(survey: r.survey)].add(r)
            if i % 7 == 0 {
                plainTallies[r.survey]?.addRefusal()
                counts[r.survey]?.addRefusal()
            }
        }
        // A survey with refusals only has a tally but no need counts.
        plainTallies["refusals-only", default: SurveyTally(survey: "refusals-only")].addRefusal()
        counts["refusals-only", default: SurveyCounts(survey: "refusals-only")].addRefusal()
        var merged = NeedTally()
        for key in counts.keys.sorted() { merged.merge(counts[key]!) }
        #expect(merged == plain)
        #expect(merged.years.keys.sorted() == ["2022-23", "2023-24", "unknown"])
        #expect(counts.mapValues(\.tally) == plainTallies)
    }
}
