import AllotCore
import AllotIngest
import Foundation
import Testing

/// Every CSV reader refuses a row whose field count differs from the header's, naming file, line, column and both counts
/// (the files are under Fixtures/field-count).
@Suite("Rows whose field count differs from the header's") struct FieldCountTests {
    static func fixture(_ name: String) -> String { Fixtures.data.appendingPathComponent("field-count/" + name).path }

    private func surveyError(_ name: String) throws -> SurveyInputError? {
        do {
            _ = try SurveyFileReader.read(path: Self.fixture(name), catalogue: try Fixtures.catalogue(), options: SurveyReadOptions()) { _, _ in }
            return nil
        } catch let e as SurveyInputError { return e }
    }

    private func supplyError(_ body: () throws -> Void) -> SurveyInputError? {
        do { try body(); return nil } catch let e as SurveyInputError { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    private func roundError(_ body: () throws -> Void) -> RoundInputError? {
        do { try body(); return nil } catch let e as RoundInputError { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    @Test("A survey row with an unquoted comma in an answer is refused at its first surplus field")
    func surveySurplusField() throws {
        let e = try surveyError("survey-unquoted-comma.csv")
        guard case let .fieldCount(file, 4, 16, 17)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(file.hasSuffix("survey-unquoted-comma.csv"))
        #expect(e?.description.hasSuffix("survey-unquoted-comma.csv:4:17: the row has 17 fields but the header row has 16; "
            + "an answer holding a comma must be quoted (\"like, this\"), or every later answer shifts into the wrong column") == true,
                "\(String(describing: e))")
    }

    @Test("A short survey row is refused at its first missing field")
    func surveyShortRow() throws {
        let e = try surveyError("survey-short-row.csv")
        guard case .fieldCount(_, 3, 16, 13)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(e?.description.contains("survey-short-row.csv:3:14: the row has 13 fields but the header row has 16") == true)
    }

    @Test("With --skip-invalid the rows are listed in the rejects file like any other bad row, and the rest are kept")
    func surveySkipInvalidListsTheRows() throws {
        let rejects = try Fixtures.scratch() + "/rejects.csv"
        var ids: [String] = []
        let report = try SurveyFileReader.read(path: Self.fixture("survey-unquoted-comma.csv"), catalogue: try Fixtures.catalogue(),
                                               options: SurveyReadOptions(skipInvalid: true, rejectFile: rejects)) { row, _ in
            if case let .response(r) = row { ids.append(r.responseID) }
        }
        #expect(ids == ["R1", "R2", "R4"])
        #expect(report.rejected == 2 && report.rows == 5)
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[1].hasPrefix("4,17,,,") && lines[1].contains("17 fields but the header row has 16") && lines[1].hasSuffix(",R3"), "\(lines)")
        #expect(lines[2].hasPrefix("6,17,,,") && lines[2].hasSuffix(",R5"), "\(lines)")
    }

    @Test("Provider participation, activity and workforce rows are counted against their headers")
    func supplyFiles() throws {
        let mapping = try Fixtures.catalogue().mapping(named: "canonical")
        let participation = supplyError { _ = try SupplyReader.participation(path: Self.fixture("provider-participation.csv"), mapping: mapping) }
        guard case .fieldCount(_, 4, 6, 7)? = participation else { Issue.record("got \(String(describing: participation))"); return }
        #expect(participation?.description.contains("provider-participation.csv:4:7: the row has 7 fields but the header row has 6") == true)
        let activity = supplyError { _ = try SupplyReader.activity(path: Self.fixture("provider-activity.csv")) }
        guard case .fieldCount(_, 3, 6, 4)? = activity else { Issue.record("got \(String(describing: activity))"); return }
        #expect(activity?.description.contains("provider-activity.csv:3:5: the row has 4 fields but the header row has 6") == true)
        let workforce = supplyError { _ = try SupplyReader.workforce(path: Self.fixture("workforce.csv"), mapping: mapping) }
        guard case .fieldCount(_, 3, 3, 4)? = workforce else { Issue.record("got \(String(describing: workforce))"); return }
        #expect(workforce?.description.contains("workforce.csv:3:4: the row has 4 fields but the header row has 3") == true)
    }

    @Test("Reviews, conflicts and CSV proposals rows are counted against their headers")
    func roundFiles() throws {
        let ids = ["R5-017", "R5-018", "R5-019"]
        let reviews = roundError { _ = try ReviewReader(proposalIDs: ids).read(path: Self.fixture("reviews.csv")) }
        #expect(reviews == .fieldCount(place: RoundInputPlace(file: Self.fixture("reviews.csv"), line: 3, column: 6), expected: 5, found: 6))
        #expect(reviews?.description.hasSuffix("reviews.csv:3:6: the row has 6 fields but the header row has 5; an answer holding a comma must be quoted (\"like, this\"), or every later answer shifts into the wrong column") == true,
                "\(String(describing: reviews))")
        let collected = ReviewReader(proposalIDs: ids).readCollectingErrors(path: Self.fixture("reviews.csv"))
        #expect(collected.items.map(\.reviewer) == ["Ann", "Cy"])
        #expect(collected.errors.map { $0.location.line } == [3])

        let conflicts = roundError { _ = try ConflictReader().read(path: Self.fixture("conflicts.csv")) }
        #expect(conflicts == .fieldCount(place: RoundInputPlace(file: Self.fixture("conflicts.csv"), line: 3, column: 3), expected: 2, found: 3))

        let reader = ProposalReader(mapping: try Fixtures.catalogue().mapping(named: "canonical"))
        let proposals = roundError { _ = try reader.read(path: Self.fixture("proposals.csv")) }
        #expect(proposals == .fieldCount(place: RoundInputPlace(file: Self.fixture("proposals.csv"), line: 3, column: 14), expected: 13, found: 14))
        let all = reader.readCollectingErrors(path: Self.fixture("proposals.csv"))
        #expect(all.items.map(\.id) == ["R5-017"] && all.errors.count == 1)
    }

    @Test("A postcode lookup's rows are counted against its header")
    func postcodeLookup() throws {
        let yaml = try Fixtures.file("""
            postcode_lookups:
              - name: spd
                file: \(Self.fixture("postcodes.csv"))
                columns: {postcode: Postcode, council_area: CouncilArea2019Code, data_zone: DataZone2011Code, urban_rural_6: UrbanRural6Fold2020Code}
            """, name: "lookups.yaml")
        let e = supplyError { _ = try PostcodeLookupLoader.load(configFile: yaml) }
        guard case .fieldCount(_, 3, 4, 3)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(e?.description.contains("postcodes.csv:3:4: the row has 3 fields but the header row has 4") == true)
    }
}
