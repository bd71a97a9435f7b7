import AllotCore
import AllotIngest
import Foundation
import Testing

@Suite struct MappingTests {
    /// An export from another survey tool: other headers, other wordings, a ';'-free layout.
    private let otherExport = """
        Respondent,Questionnaire,Permission,Workplace,Hours this year,Access,Main barriers
        A-1,practitioner-2023-24,Agreed,Early years,4,Really hard,Cover staff|Travel money
        A-2,practitioner-2023-24,Declined,Primary,,,
        A-3,practitioner-2023-24,Agreed,Secondary,12.25,Easy,
        """

    private let otherMapping = """
        name: other-tool
        multi_separator: "|"
        columns:
          response_id: [Respondent]
          survey: [Questionnaire]
          consent: [Permission]
          sector: [Workplace]
          pl_hours: [Hours this year]
          ease_of_access: [Access]
          barriers: [Main barriers]
        wordings:
          consent: {yes: [Agreed], no: [Declined]}
          sector: {elc: [Early years]}
          ease_of_access: {very-difficult: [Really hard]}
          barriers: {staff-cover: [Cover staff], funding-travel: [Travel money]}
        """

    private func catalogue(with extra: String?) throws -> MappingCatalogue {
        var mappings = try Fixtures.catalogue().mappings
        if let extra { mappings.append(try SurveyMapping.parse(yaml: extra, source: "other-tool.yaml")) }
        return MappingCatalogue(mappings: mappings)
    }

    @Test func aNewMappingFileAloneAdmitsADifferentlyHeadedExport() throws {
        let path = try Fixtures.file(otherExport)
        #expect(throws: SurveyInputError.self) {
            _ = try SurveyFileReader.read(path: path, catalogue: try catalogue(with: nil), options: SurveyReadOptions()) { _, _ in }
        }
        var rows: [DecodedRow] = []
        let report = try SurveyFileReader.read(path: path, catalogue: try catalogue(with: otherMapping), options: SurveyReadOptions()) { row, _ in rows.append(row) }
        #expect(report.mapping == "other-tool" && report.mappingRecognised)
        #expect(report.responses == 2 && report.refusals == 1)
        guard case let .response(first) = rows.first else { Issue.record("expected a response"); return }
        #expect(first.sector == Taxonomy.sector.index(of: "elc"))
        #expect(first.easeOfAccess == Taxonomy.easeOfAccess.index(of: "very-difficult"))
        #expect(first.barriers == CodeSet([0, 3]))
    }

    @Test func oneColumnPerOptionExportsAreReadThroughTheShippedMapping() throws {
        let csv = """
            Response ID,Survey,Consent,Sector,Hours,Barriers - Difficulty finding staff cover,Barriers - Location of my centre/school/organisation,Priorities: Sciences,Priorities: Health and safety update
            T1,technician-2022-23,I agree,Secondary,6,Difficulty finding staff cover,,1,
            T2,technician-2022-23,I agree,Secondary,3,,Yes,,0
            T3,technician-2022-23,I agree,Secondary,3,,,,
            """
        var rows: [SurveyResponse] = []
        let report = try SurveyFileReader.read(path: try Fixtures.file(csv), catalogue: try Fixtures.catalogue(), options: SurveyReadOptions()) { row, _ in
            if case let .response(r) = row { rows.append(r) }
        }
        #expect(report.mapping == "one-column-per-option")
        #expect(rows[0].barriers == CodeSet([Taxonomy.barriers.index(of: "staff-cover") ?? -1]))
        #expect(rows[0].priorities == CodeSet([Taxonomy.priorities.index(of: "sciences") ?? -1]))
        #expect(rows[1].barriers == CodeSet([Taxonomy.barriers.index(of: "location") ?? -1]))
        #expect(rows[1].priorities == CodeSet())          // answered, chose none
        #expect(rows[2].barriers == nil)                   // not answered
        #expect(rows.allSatisfy { $0.learnerGroup == Taxonomy.sector.index(of: "technician") })
    }

    @Test func mappingErrorsNameTheKey() {
        do {
            _ = try SurveyMapping.parse(yaml: "name: x\nwordings:\n  barriers:\n    staf-cover: [Cover]\n", source: "x.yaml")
            Issue.record("expected an error")
        } catch let e as ConfigError {
            #expect(e.key == "wordings.barriers.staf-cover")
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try SurveyMapping.parse(yaml: "name: x\ncolumns:\n  hours: [H]\n", source: "x.yaml")
            Issue.record("expected an error")
        } catch let e as ConfigError {
            #expect(e.key == "columns.hours")
        } catch { Issue.record("unexpected \(error)") }
    }
}
