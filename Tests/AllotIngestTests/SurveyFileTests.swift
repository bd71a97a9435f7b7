import AllotCore
import AllotIngest
import Foundation
import Testing

@Suite struct SurveyFileTests {
    private func read(_ path: String, mapping: String? = nil, lookup: PostcodeLookup? = nil,
                      catalogue: MappingCatalogue? = nil) throws -> ([DecodedRow], SurveyFileReport) {
        var rows: [DecodedRow] = []
        let report = try SurveyFileReader.read(path: path, catalogue: try catalogue ?? Fixtures.catalogue(),
                                               options: SurveyReadOptions(mappingName: mapping, lookup: lookup)) { row, _ in rows.append(row) }
        return (rows, report)
    }

    private func responses(_ rows: [DecodedRow]) -> [SurveyResponse] {
        rows.compactMap { if case let .response(r) = $0 { r } else { nil } }
    }

    @Test func thePublishedSampleReproducesThePublishedTalliesExactly() throws {
        let path = Fixtures.data.appendingPathComponent("practitioner-survey-2017-18.csv").path
        let expectedPath = Fixtures.data.appendingPathComponent("practitioner-survey-2017-18.csv.expected.json").path
        let (rows, report) = try read(path)
        #expect(report.mapping == "canonical")
        var tally = SurveyTally(survey: "practitioner-2017-18")
        for r in responses(rows) { tally.add(r) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let ours = try JSONSerialization.jsonObject(with: try encoder.encode(SurveySummary(tally)))
        let expected = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: expectedPath)))
        #expect(Self.mismatches(expected: expected, actual: ours, path: "") == [])
    }

    /// Every place where `actual` lacks or differs from what `expected` holds (extra keys are allowed).
    static func mismatches(expected: Any, actual: Any, path: String) -> [String] {
        if let e = expected as? [String: Any] {
            guard let a = actual as? [String: Any] else { return ["\(path): not an object"] }
            return e.keys.sorted().flatMap { key in
                a[key].map { mismatches(expected: e[key] as Any, actual: $0, path: path + "." + key) } ?? ["\(path).\(key): missing"]
            }
        }
        if let e = expected as? NSNumber, let a = actual as? NSNumber {
            return e.doubleValue == a.doubleValue ? [] : ["\(path): expected \(e), got \(a)"]
        }
        return "\(expected)" == "\(actual)" ? [] : ["\(path): expected \(expected), got \(actual)"]
    }

    @Test func aRefusalKeepsOnlyItsSurveyAndId() throws {
        let path = try Fixtures.file(Fixtures.header + "\nR1,practitioner-2022-23,no,Primary,Classroom teacher,Fife,KY1 1AA,12,,,,,,,,\n")
        let (rows, report) = try read(path)
        #expect(rows == [.refusal(survey: "practitioner-2022-23", responseID: "R1")])
        #expect(report.refusals == 1 && report.responses == 0)
    }

    @Test func codesAndWordingsAreMatchedWhateverTheirCaseQuotesAndFullStops() throws {
        let row = "R1,practitioner-2022-23,Y,primary,classroom-teacher,Western Isles,,7.5,,,,very difficult.,No,"
            + "\"DIFFICULTY IN FINDING STAFF COVER ; I don\u{2019}t know where to get information about professional learning;location\",skills-progression,Agree"
        let (rows, _) = try read(try Fixtures.file(Fixtures.header + "\n" + row + "\n"))
        let r = try #require(responses(rows).first)
        #expect(r.council == Geography.councilIndex(matching: "Na h-Eileanan Siar"))
        #expect(r.hoursMilli == 7500)
        #expect(r.easeOfAccess == Taxonomy.easeOfAccess.index(of: "very-difficult"))
        #expect(r.barriers == CodeSet(["staff-cover", "no-information", "location"].compactMap { Taxonomy.barriers.index(of: $0) }))
        #expect(r.learnerGroup == Taxonomy.sector.index(of: "primary"))
    }

    @Test func aPostcodeCellHoldingASettingNameIsKeptAndFlagged() throws {
        let (rows, _) = try read(try Fixtures.file(Fixtures.header + "\nR1,practitioner-2022-23,yes,Primary,,Fife,St Mary's Primary,,,,,,,,,\n"))
        let r = try #require(responses(rows).first)
        #expect(r.postcodeText == "St Mary's Primary")
        #expect(r.flags.contains(.notAPostcode))
        #expect(r.enrichment == nil)
    }

    @Test func aLookupInTheOfficialLayoutEnrichesFillsAndFlagsCouncils() throws {
        let folder = try Fixtures.scratch()
        let spd = "Postcode,PostcodeDistrict,CouncilArea2019Code,DataZone2011Code,UrbanRural6Fold2020Code\n"
            + "IV1 1AA,IV1,S12000017,S01010001,6\nKY1 1AA,KY1,S12000047,S01009001,2\n"
        let simd = "Postcode,DZ,SIMD2020v2_Rank,SIMD2020_Vigintile,SIMD2020v2_Decile,SIMD2020v2_Quintile\n"
            + "IV1 1AA,S01010001,4100,12,6,3\nKY1 1AA,S01009001,250,1,1,1\n"
        try Data(spd.utf8).write(to: URL(fileURLWithPath: folder + "/SmallUser.csv"))
        try Data(simd.utf8).write(to: URL(fileURLWithPath: folder + "/simd.csv"))
        let yaml = """
            postcode_lookups:
              - name: spd
                file: SmallUser.csv
                columns: {postcode: Postcode, council_area: CouncilArea2019Code, data_zone: DataZone2011Code, urban_rural_6: UrbanRural6Fold2020Code}
              - name: simd
                file: simd.csv
                columns: {postcode: Postcode, data_zone: DZ, simd_rank: SIMD2020v2_Rank, simd_decile: SIMD2020v2_Decile, simd_quintile: SIMD2020v2_Quintile}
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: folder + "/lookups.yaml"))
        let lookup = try #require(try PostcodeLookupLoader.load(configFile: folder + "/lookups.yaml"))
        let csv = Fixtures.header + "\n"
            + "R1,practitioner-2022-23,yes,Primary,,,iv11aa,,,,,,,,,\n"          // blank council: filled
            + "R2,practitioner-2022-23,yes,Primary,,Highland,KY1 1AA,,,,,,,,,\n"  // stated council differs
            + "R3,practitioner-2022-23,yes,Primary,,Fife,KY1 1AA,,,,,,,,,\n"
            + "R4,practitioner-2022-23,yes,Primary,,Fife,EH99 9ZZ,,,,,,,,,\n"     // valid but not listed
        let rs = responses(try read(try Fixtures.file(csv), lookup: lookup).0)
        #expect(rs[0].council == Geography.councilIndex(matching: "Highland"))
        #expect(rs[0].flags.contains(.councilFromPostcode))
        #expect(rs[0].enrichment?.urbanRural6 == 6 && rs[0].enrichment?.simdQuintile == 3 && rs[0].enrichment?.dataZone == "S01010001")
        #expect(rs[1].flags.contains(.councilMismatch))
        #expect(rs[1].council == Geography.councilIndex(matching: "Highland"))
        #expect(rs[2].flags.isEmpty && rs[2].enrichment?.simdQuintile == 1)
        #expect(rs[3].flags.contains(.postcodeNotInLookup))
    }

    @Test func withoutALookupNothingIsGuessed() throws {
        #expect(try PostcodeLookupLoader.load(configFile: Fixtures.config.file("lookups.yaml")) == nil)
        let (rows, _) = try read(try Fixtures.file(Fixtures.header + "\nR1,practitioner-2022-23,yes,Primary,,,IV1 1AA,,,,,,,,,\n"))
        let r = try #require(responses(rows).first)
        #expect(r.enrichment == nil && r.council == nil && r.flags.isEmpty)
    }
}

@Suite("Test fixtures") struct FixtureLocationTests {
    @Test("The published sample and its expected tallies are held inside the repository, beside the tests")
    func theSampleIsInsideTheRepository() {
        let root = Fixtures.repository.standardizedFileURL.path + "/"
        for name in ["practitioner-survey-2017-18.csv", "practitioner-survey-2017-18.csv.expected.json"] {
            let path = Fixtures.data.appendingPathComponent(name).standardizedFileURL.path
            #expect(path.hasPrefix(root + "Tests/"), "\(path) is outside the repository's Tests folder")
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }
}
