import AllotPortfolio
import Testing

@Suite struct InfeasibilityTests {
    private let cells = ["asn|Fife": PortfolioCell(gap: 500, needWeight: 1), "primary|Fife": PortfolioCell(gap: 500, needWeight: 1)]

    private func proposal(_ id: String, _ requested: Double, asn: Double = 0, technician: Double = 0, applicant: String? = nil, rics: Set<String> = []) -> PortfolioItem {
        PortfolioItem(
            id: id, applicant: applicant ?? "applicant \(id)", requested: requested, cellHours: ["primary|Fife": 50],
            groupShares: ["asn": asn, "technician": technician, "primary": 1 - asn - technician], rics: rics)
    }

    /// The named constraints the solver throws for `problem`, or an issue when it does not throw them.
    private func namedConflicts(_ problem: PortfolioProblem) -> [InfeasibleConstraint] {
        do {
            let result = try PortfolioSolver().solve(problem)
            Issue.record("expected an infeasible round, got \(result.fundedIDs)")
        } catch .infeasible(let named) {
            return named
        } catch {
            Issue.record("expected infeasible, got \(error)")
        }
        return []
    }

    @Test func aFloorNoMixOfProposalsCanMeetIsNamedWithItsShortfall() throws {
        let problem = PortfolioProblem(
            budget: 100_000, items: [proposal("P1", 20_000, asn: 0.4), proposal("P2", 30_000)], cells: cells,
            constraints: PortfolioConstraints(groupFloors: ["asn": 0.10]))
        let named = namedConflicts(problem)
        let floor = try #require(named.first)
        #expect(named.count == 1)
        #expect(floor.name == "group_floor:asn")
        #expect(abs(floor.required - 10_000) < 1e-6)
        #expect(abs(floor.achievable - 8_000) < 1e-6)
        #expect(abs(floor.shortfall - 2_000) < 1e-6)
        #expect(floor.conflictsWith.isEmpty)
        #expect(floor.explanation.contains("£8,000") && floor.explanation.contains("£10,000"))
    }

    @Test func aRICNoFundableProposalReachesIsNamed() {
        let problem = PortfolioProblem(
            budget: 100_000,
            items: [proposal("P1", 20_000, rics: ["north"]), proposal("P2", 150_000, rics: ["tayside"])],
            cells: cells, constraints: PortfolioConstraints(reachEveryRIC: true, rics: ["north", "tayside", "west"]))
        let named = namedConflicts(problem)
        #expect(named.map(\.name) == ["ric_reach:tayside", "ric_reach:west"])
        #expect(named.allSatisfy { $0.required == 1 && $0.achievable == 0 })
    }

    @Test func floorsAddingUpToMoreThanTheBudgetAreNamedTogether() throws {
        let problem = PortfolioProblem(
            budget: 100_000, items: [proposal("P1", 20_000, asn: 1)], cells: cells,
            constraints: PortfolioConstraints(groupFloors: ["asn": 0.6, "technician": 0.5]))
        let named = namedConflicts(problem)
        let total = try #require(named.first)
        #expect(total.name == "group_floors:total")
        #expect(abs(total.required - 110_000) < 1e-6)
        #expect(total.achievable == 100_000)
        #expect(total.conflictsWith == ["group_floor:asn", "group_floor:technician"])
    }

    @Test func aFloorOnlyTheApplicantCapBlocksNamesTheCaps() throws {
        let problem = PortfolioProblem(
            budget: 100_000,
            items: [
                proposal("B1", 20_000, asn: 1, applicant: "Big"), proposal("B2", 20_000, asn: 1, applicant: "Big"),
                proposal("S1", 30_000, applicant: "Small"),
            ],
            cells: cells, constraints: PortfolioConstraints(groupFloors: ["asn": 0.3], maxPerApplicant: 25_000))
        let named = namedConflicts(problem)
        let floor = try #require(named.first)
        #expect(floor.name == "group_floor:asn")
        #expect(abs(floor.achievable - 20_000) < 1e-6)
        #expect(abs(floor.required - 30_000) < 1e-6)
        #expect(floor.conflictsWith == ["applicant_caps"])
        #expect(floor.explanation.contains("£40,000"))
    }

    @Test func twoFloorsThatFailOnlyTogetherAreNamedWithEachOther() throws {
        let problem = PortfolioProblem(
            budget: 100_000,
            items: [proposal("P1", 100_000, asn: 0.5), proposal("P2", 45_000, technician: 1), proposal("P3", 40_000, asn: 0.5)],
            cells: cells, constraints: PortfolioConstraints(groupFloors: ["asn": 0.5, "technician": 0.45]))
        let named = namedConflicts(problem)
        #expect(named.map(\.name) == ["group_floor:asn", "group_floor:technician"])
        let asn = try #require(named.first)
        #expect(asn.conflictsWith == ["group_floor:technician"])
        #expect(abs(asn.required - 50_000) < 1e-6)
        #expect(abs(asn.achievable - 20_000) < 1e-6)
        let technician = try #require(named.last)
        #expect(technician.conflictsWith == ["group_floor:asn"])
        #expect(abs(technician.achievable) < 1e-6)
    }

    @Test func aFloorAndARICThatFailTogetherLeaveOutTheRICThatIsNotInvolved() {
        let problem = PortfolioProblem(
            budget: 100_000,
            items: [proposal("A1", 60_000, asn: 1, rics: ["north"]), proposal("A2", 50_000, rics: ["tayside"]), proposal("A3", 10_000, rics: ["north"])],
            cells: cells, constraints: PortfolioConstraints(groupFloors: ["asn": 0.6], reachEveryRIC: true, rics: ["north", "tayside"]))
        let named = namedConflicts(problem)
        #expect(named.map(\.name) == ["group_floor:asn", "ric_reach:tayside"])
        #expect(named.first?.conflictsWith == ["ric_reach:tayside"])
        #expect(named.last?.conflictsWith == ["group_floor:asn"])
        #expect(named.last?.achievable == 0)
    }

    @Test func invalidInputIsRejectedWithEveryProblemListed() {
        let problem = PortfolioProblem(
            budget: -1,
            items: [
                PortfolioItem(id: "X", applicant: "a", requested: 10, minimum: 20, cellHours: ["nowhere": 5]),
                PortfolioItem(id: "X", applicant: "a", requested: 0, cellHours: [:]),
            ],
            cells: cells)
        #expect(throws: PortfolioError.invalidProblem([
            "budget must be a finite amount >= 0 and <= 1000000000000, got -1.0",
            "proposal X: minimum must be > 0 and <= requested",
            "proposal X: unknown cell nowhere",
            "proposal X: duplicate id",
            "proposal X: requested must be > 0 and <= 1000000000000",
        ])) { try PortfolioSolver().solve(problem) }
    }
}
