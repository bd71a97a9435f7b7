import AllotCore
import Testing

@Suite struct SurveyTallyTests {
    private func response(_ id: String, sector: String = "primary", hours: Int64? = nil, barriers: [String]? = nil) -> SurveyResponse {
        SurveyResponse(survey: "practitioner-2022-23", responseID: id, sector: Taxonomy.sector.index(of: sector) ?? 0,
                       hoursMilli: hours.map { $0 * 1000 },
                       barriers: barriers.map { CodeSet($0.compactMap { Taxonomy.barriers.index(of: $0) }) })
    }

    @Test func sharesCountBlankAnswersInTheDenominator() {
        var tally = SurveyTally(survey: "practitioner-2022-23")
        tally.add(response("1", barriers: ["staff-cover"]))
        tally.add(response("2", barriers: ["staff-cover", "location"]))
        tally.add(response("3"))                 // left the question blank
        tally.add(response("4", barriers: ["location"]))
        let summary = SurveySummary(tally)
        #expect(summary.all.barriers["staff-cover"]?.count == 2)
        #expect(summary.all.barriers["staff-cover"]?.share == 0.5)
        #expect(summary.all.barriers["funding-pl"] == nil)
    }

    @Test func meanHoursDivideByThoseWhoAnsweredTheHoursQuestion() {
        var tally = SurveyTally(survey: "practitioner-2022-23")
        tally.add(response("1", hours: 10))
        tally.add(response("2", hours: 0))
        tally.add(response("3"))
        let s = SurveySummary(tally).all
        #expect(s.totalHours == 10)
        #expect(s.meanHours == 5)
        #expect(s.zeroHours == 1)
        #expect(s.responses == 3)
    }

    @Test func learnerGroupComesFromTheTechnicianSurveyOrTheRole() {
        let primary = Taxonomy.sector.index(of: "primary") ?? 0
        let technician = Taxonomy.sector.index(of: "technician")
        let assistant = Taxonomy.sector.index(of: "classroom-assistant")
        #expect(LearnerGroup.derive(surveyKind: "technician", sector: primary, role: nil) == technician)
        #expect(LearnerGroup.derive(surveyKind: "practitioner", sector: primary, role: Taxonomy.role.index(of: "technician")) == technician)
        #expect(LearnerGroup.derive(surveyKind: "practitioner", sector: primary, role: Taxonomy.role.index(of: "classroom-assistant")) == assistant)
        #expect(LearnerGroup.derive(surveyKind: "practitioner", sector: primary, role: Taxonomy.role.index(of: "classroom-teacher")) == primary)
    }

    @Test func comparisonWarnsWhenResponseCountsDifferTooMuch() {
        var a = SurveyTally(survey: "technician-2021-22"), b = SurveyTally(survey: "technician-2022-23")
        for i in 0..<20 { a.add(response("a\(i)", sector: "technician", hours: 5)) }
        for i in 0..<90 { b.add(response("b\(i)", sector: "technician", hours: 7)) }
        let comparison = SurveyComparison([b, a])
        let change = comparison.changes["technician-2022-23"]
        #expect(change?.since == "technician-2021-22")
        #expect(change?.unsafe == true)
        #expect(change?.meanHours == 2)
        #expect(change?.warnings.isEmpty == false)
    }
}
