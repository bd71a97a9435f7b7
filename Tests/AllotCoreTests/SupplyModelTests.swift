import AllotCore
import Testing

@Suite struct SupplyModelTests {
    let primary = Taxonomy.learnerGroup.index(of: "primary") ?? 0
    let highland = Geography.councilIndex(matching: "Highland") ?? 0
    let moray = Geography.councilIndex(matching: "Moray") ?? 0
    let flat = Array(repeating: Array(repeating: 1.0, count: Geography.councils.count), count: Taxonomy.learnerGroup.count)

    @Test func hoursGivenOnlyOnTheAllRowAreSpreadByParticipants() {
        let rows = [
            ParticipationReturn(provider: "P", year: "2022-23", group: primary, area: .council(highland), participants: 30, cumulativeHours: nil),
            ParticipationReturn(provider: "P", year: "2022-23", group: primary, area: .council(moray), participants: 10, cumulativeHours: nil),
            ParticipationReturn(provider: "P", year: "2022-23", group: primary, area: .all, participants: 40, cumulativeHours: 200),
        ]
        let model = SupplyModel(returns: rows, year: "2022-23", onlineDiscount: 0.5, weights: flat)
        #expect(model.hours[primary][highland] == 150)
        #expect(model.hours[primary][moray] == 50)
        #expect(model.participants[primary].reduce(0, +) == 40)   // the all row is not counted again
        #expect(model.nationalOnlyHours[primary] == 0)
        #expect(model.notes.contains { $0.contains("spread over their council rows") })
    }

    @Test func independentAndAllOnlyReturnsCountNationallyAndOnlineAtADiscount() {
        let rows = [
            ParticipationReturn(provider: "A", year: "2022-23", group: primary, area: .all, participants: 20, cumulativeHours: 60),
            ParticipationReturn(provider: "B", year: "2022-23", group: primary, area: .independent, participants: 5, cumulativeHours: 10),
            ParticipationReturn(provider: "C", year: "2022-23", group: primary, area: .online, participants: 64, cumulativeHours: 64),
            ParticipationReturn(provider: "C", year: "2021-22", group: primary, area: .council(highland), participants: 9, cumulativeHours: 999),
        ]
        let model = SupplyModel(returns: rows, year: "2022-23", onlineDiscount: 0.5, weights: flat)
        #expect(model.nationalOnlyHours[primary] == 70)
        #expect(model.nationalOnlyParticipants[primary] == 25)
        #expect(model.hours[primary][highland] == 1)             // 64 h x 1/32 of practitioners x 0.5; last year's row ignored
        #expect(abs(model.hours[primary].reduce(0, +) - 32) < 1e-9)
    }

    @Test func theModelDoesNotDependOnRowOrder() {
        var rows: [ParticipationReturn] = []
        for c in 0..<10 {
            rows.append(ParticipationReturn(provider: "P\(c % 3)", year: "2022-23", group: primary, area: .council(c), participants: 3 + c, cumulativeHours: c % 2 == 0 ? nil : 7.5))
        }
        rows.append(ParticipationReturn(provider: "P0", year: "2022-23", group: primary, area: .all, participants: 0, cumulativeHours: 33.3))
        let a = SupplyModel(returns: rows, year: nil, onlineDiscount: 0.5, weights: flat)
        let b = SupplyModel(returns: rows.reversed(), year: nil, onlineDiscount: 0.5, weights: flat)
        #expect(a.hours == b.hours && a.notes == b.notes)
    }
}
