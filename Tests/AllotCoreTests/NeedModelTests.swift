import AllotCore
import Testing

@Suite struct NeedModelTests {
    /// Responses of one group in one council: `difficult` of `n` found access difficult.
    private func responses(group: String, council: String, n: Int, difficult: Int, hours: Int64, prefix: String) -> [SurveyResponse] {
        let sector = Taxonomy.sector.index(of: group) ?? 0
        let c = Geography.councilIndex(matching: council)
        return (0..<n).map { i in
            SurveyResponse(survey: "practitioner-2022-23", responseID: "\(prefix)\(i)", sector: sector, council: c,
                           hoursMilli: hours * 1000, easeOfAccess: i < difficult ? 1 : 3,
                           confidence: i % 3 == 0 ? 1 : 3)
        }
    }

    private func model(_ all: [SurveyResponse]) -> NeedReport {
        var tally = NeedTally()
        for r in all { tally.add(r) }
        return NeedModel.build(tally)
    }

    private var baseline: [SurveyResponse] {
        var all: [SurveyResponse] = []
        for (i, council) in Geography.councils.enumerated() {
            all += responses(group: "primary", council: council.name, n: 40, difficult: 8 + i % 5, hours: 10 + Int64(i % 7), prefix: "p\(i)-")
        }
        return all
    }

    @Test func aSmallCellMovesTowardItsParentMoreThanALargeOne() {
        // Two cells with the same raw rate (2/3 find access difficult), well above the rest of their
        // group, in different RICs: the one with 3 responses must be pulled much further toward its
        // parents than the one with 300.
        let all = baseline
            + responses(group: "asn", council: "Highland", n: 3, difficult: 2, hours: 5, prefix: "a")
            + responses(group: "asn", council: "Glasgow City", n: 300, difficult: 200, hours: 5, prefix: "b")
            + responses(group: "asn", council: "Fife", n: 30, difficult: 5, hours: 12, prefix: "c")
            + responses(group: "asn", council: "Dundee City", n: 30, difficult: 6, hours: 12, prefix: "d")
            + responses(group: "asn", council: "Falkirk", n: 30, difficult: 4, hours: 12, prefix: "e")
        let report = model(all)
        func row(_ council: String) -> NeedRow? {
            report.rows.first { $0.level == "council" && $0.group == "asn" && $0.areaName == council }
        }
        let small = row("Highland")?.indicators["access_difficult"]
        let large = row("Glasgow City")?.indicators["access_difficult"]
        let smallPull = abs((small?.raw ?? 0) - (small?.shrunk ?? 0))
        let largePull = abs((large?.raw ?? 0) - (large?.shrunk ?? 0))
        #expect(small?.raw == large?.raw)
        #expect(smallPull > largePull * 5)
        #expect((small?.high ?? 0) - (small?.low ?? 0) > (large?.high ?? 1) - (large?.low ?? 1))
    }

    @Test func cellsWithoutResponsesAreShownWithTheirParentAndFlagged() {
        let report = model(baseline + responses(group: "asn", council: "Highland", n: 4, difficult: 3, hours: 2, prefix: "a"))
        let empty = report.rows.first { $0.level == "council" && $0.group == "asn" && $0.areaName == "Fife" }
        let ric = report.rows.first { $0.level == "ric" && $0.group == "asn" && $0.area == "south-east" }
        #expect(empty?.responses == 0)
        #expect(empty?.fewResponses == true)
        #expect(empty?.indicators["access_difficult"]?.raw == nil)
        #expect(empty?.indicators["access_difficult"]?.shrunk == ric?.indicators["access_difficult"]?.shrunk)
    }

    @Test func moreDifficultyAndFewerHoursGiveAHigherNeedIndex() {
        let report = model(baseline
            + responses(group: "secondary", council: "Highland", n: 60, difficult: 45, hours: 2, prefix: "h")
            + responses(group: "secondary", council: "Glasgow City", n: 60, difficult: 5, hours: 40, prefix: "g"))
        let needy = report.rows.first { $0.level == "council" && $0.group == "secondary" && $0.areaName == "Highland" }
        let served = report.rows.first { $0.level == "council" && $0.group == "secondary" && $0.areaName == "Glasgow City" }
        #expect((needy?.needIndex ?? 0) > (served?.needIndex ?? 100))
        #expect(report.rows.allSatisfy { (0...100).contains($0.needIndex) })
    }

    @Test func theModelDoesNotDependOnResponseOrder() {
        let all = baseline + responses(group: "elc", council: "Angus", n: 7, difficult: 3, hours: 3, prefix: "e")
        var rng = SeededRandom(seed: 42)
        let shuffled = all.shuffled(using: &rng)
        #expect(model(all) == model(shuffled))
    }

    @Test func earlierYearsBecomeTrendsOfTheLatest() {
        var older = baseline
        for i in older.indices { older[i].survey = "practitioner-2021-22" }
        let report = model(baseline + older)
        let primary = report.rows.first { $0.level == "group" && $0.group == "primary" }
        #expect(primary?.year == "2022-23")
        #expect(primary?.trend.map(\.year) == ["2021-22"])
        #expect(report.groupYears["primary"] == "2022-23")
    }

    @Test func exponentialTransformSpansZeroToAHundred() {
        #expect(NeedModel.exponentialTransform(0) == 0)
        #expect(abs(NeedModel.exponentialTransform(1) - 100) < 1e-9)
        #expect(NeedModel.exponentialTransform(0.5) < 20)
    }
}
