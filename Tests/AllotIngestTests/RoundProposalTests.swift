import AllotCore
import AllotIngest
import Testing

@Suite struct RoundProposalTests {
    private static let header = "id,applicant,title,requested,minimum,sectors,areas,online,hours_per_participant,priorities,themes,barriers_addressed,accredited"

    private func reader() throws -> ProposalReader { ProposalReader(mapping: try Fixtures.catalogue().mapping(named: "canonical")) }

    private func read(_ text: String, name: String) throws -> [Proposal] {
        try reader().read(path: try Fixtures.file(text, name: name))
    }

    /// The error reading `text` gives, with the file name only (the scratch folder stripped).
    private func error(_ text: String, name: String) throws -> String {
        let path = try Fixtures.file(text, name: name)
        let reader = try reader()
        do throws(RoundInputError) {
            let proposals = try reader.read(path: path)
            Issue.record("expected an error, read \(proposals.count) proposal(s)")
            return ""
        } catch {
            return error.description.replacingOccurrences(of: String(path.dropLast(name.count)), with: "")
        }
    }

    private static let json = """
    [
      {"id": "R5-017", "applicant": "Highland Science Festival", "title": "Cluster science mentors for remote primaries",
       "requested": 24500, "minimum": 18000,
       "sectors": [{"sector": "primary", "participants": 120}, {"sector": "elc", "participants": 30}],
       "areas": ["Highland", "ric:northern-alliance", "national"], "online": true, "hours_per_participant": 6,
       "priorities": ["pedagogy", "skills-progression"], "themes": ["sciences"],
       "barriers_addressed": ["staff-cover", "location", "funding-travel"], "accredited": false},
      {"id": "R5-018", "applicant": "Glasgow STEM Hub", "requested": 12000,
       "sectors": [{"sector": "secondary", "participants": 40}, {"sector": "technician", "participants": 10}],
       "areas": ["Glasgow City", "City of Edinburgh"], "hours_per_participant": 3.5}
    ]
    """

    private static let jsonLines = """
    {"id": "R5-017", "applicant": "Highland Science Festival", "title": "Cluster science mentors for remote primaries", "requested": 24500, "minimum": 18000, "sectors": ["primary:120", "Early learning and childcare:30"], "areas": ["highland", "ric:Northern Alliance", "national"], "online": "yes", "hours_per_participant": 6, "priorities": ["Pedagogies/teaching approaches to deliver STEM learning effectively", "skills-progression"], "themes": ["sciences"], "barriers_addressed": ["Difficulty in finding staff cover", "location", "funding-travel"], "accredited": false}
    {"id": "R5-018", "applicant": "Glasgow STEM Hub", "requested": 12000, "sectors": [{"sector": "Secondary", "participants": 40}, {"sector": "School technician", "participants": 10}], "areas": ["Glasgow", "S12000036"], "hours_per_participant": 3.5, "online": false}

    """

    private static let csv = """
    \(header)
    R5-017,Highland Science Festival,Cluster science mentors for remote primaries,24500,18000,primary:120;Early learning and childcare:30,Highland;ric:northern-alliance;national,yes,6,pedagogy;Skills progression in STEM subjects,sciences,Difficulty finding staff cover;location;funding-travel,no
    R5-018,Glasgow STEM Hub,,12000,,Secondary:40; technician:10,"Glasgow; Edinburgh",false,3.5,,,,

    """

    @Test func jsonJSONLinesAndCSVOfTheSameProposalsDecodeEqual() throws {
        let fromJSON = try read(Self.json, name: "proposals.json")
        let fromLines = try read(Self.jsonLines, name: "proposals.jsonl")
        let fromCSV = try read(Self.csv, name: "proposals.csv")
        #expect(fromJSON.count == 2)
        #expect(fromJSON == fromLines)
        #expect(fromJSON == fromCSV)
        let first = try #require(fromJSON.first)
        #expect(first.participants.map(\.group) == [1, 0] && first.participants.map(\.count) == [120, 30])
        #expect(first.areas == [.council(15), .ric("northern-alliance"), .national])
        #expect(first.priorities == CodeSet([0, 6]))
        #expect(first.barriersAddressed == CodeSet([0, 3, 5]))
        #expect(first.minimum == 18000 && first.online && !first.accredited && first.themes == ["sciences"])
        #expect(fromJSON[1].areas == [.council(14), .council(4)] && fromJSON[1].minimum == nil && fromJSON[1].hoursPerParticipant == 3.5)
    }

    @Test func theFormatIsRecognisedFromTheContentWithoutAnExtension() throws {
        #expect(try read(Self.json, name: "proposals.txt") == read(Self.csv, name: "proposals"))
        #expect(try read(Self.jsonLines, name: "upload").count == 2)
    }

    @Test func anUnknownSectorNamesTheCSVCell() throws {
        let text = "\(Self.header)\nR1,A,,1000,,primry:20,Fife,,2,,,,\n"
        let e = try error(text, name: "proposals.csv")
        #expect(e.hasPrefix("proposals.csv:2:6 (column 'sectors'): 'primry' is not valid: expected one of the sector codes"), "\(e)")
    }

    @Test func anUnknownAreaNamesTheJSONPathAndLine() throws {
        let text = "[\n{\"id\": \"R1\", \"applicant\": \"A\", \"requested\": 1000, \"sectors\": [\"primary:20\"],\n \"areas\": [\"Fife\",\n \"Atlantis\"], \"hours_per_participant\": 2}\n]"
        let e = try error(text, name: "proposals.json")
        #expect(e.hasPrefix("proposals.json:4 ($[0].areas[1]): 'Atlantis' is not valid: expected a council area"), "\(e)")
        let ric = try error(text.replacingOccurrences(of: "Atlantis", with: "ric:atlantic"), name: "proposals.json")
        #expect(ric.contains("($[0].areas[1]): 'ric:atlantic' is not valid: expected a council area (name, GSS code or variant), ric:CODE"), "\(ric)")
    }

    @Test func aZeroOrNegativeRequestNamesTheJSONLinesLine() throws {
        let good = #"{"id": "R1", "applicant": "A", "requested": 1000, "sectors": ["primary:20"], "areas": ["Fife"], "hours_per_participant": 2}"#
        let bad = good.replacingOccurrences(of: "\"R1\"", with: "\"R2\"").replacingOccurrences(of: "1000", with: "-5")
        let e = try error(good + "\n" + bad + "\n", name: "proposals.jsonl")
        #expect(e.hasPrefix("proposals.jsonl:2 ($[1].requested): '-5' is not valid: expected an amount in pounds above 0"), "\(e)")
        let zero = try error(good.replacingOccurrences(of: "1000", with: "0"), name: "proposals.jsonl")
        #expect(zero.hasPrefix("proposals.jsonl:1 ($[0].requested): '0' is not valid"), "\(zero)")
    }

    @Test func aMinimumAboveTheRequestOrNotAboveZeroIsAnError() throws {
        let above = try error("\(Self.header)\nR1,A,,1000,1500,primary:20,Fife,,2,,,,\n", name: "p.csv")
        #expect(above.hasPrefix("p.csv:2:5 (column 'minimum'): '1500' is not valid: expected a minimum award no more than the amount requested (1000)"), "\(above)")
        let zero = try error("\(Self.header)\nR1,A,,1000,0,primary:20,Fife,,2,,,,\n", name: "p.csv")
        #expect(zero.hasPrefix("p.csv:2:5 (column 'minimum'): '0' is not valid: expected an amount in pounds above 0"), "\(zero)")
    }

    @Test func hoursPerParticipantMustBeAboveZero() throws {
        let e = try error("\(Self.header)\nR1,A,,1000,,primary:20,Fife,,0,,,,\n", name: "p.csv")
        #expect(e.hasPrefix("p.csv:2:9 (column 'hours_per_participant'): '0' is not valid: expected hours per participant above 0"), "\(e)")
    }

    @Test func participantsMustBeWholeNumbersAndSomewhereAboveZero() throws {
        let negative = try error(#"[{"id": "R1", "applicant": "A", "requested": 1000, "sectors": [{"sector": "primary", "participants": -3}], "areas": ["Fife"], "hours_per_participant": 2}]"#, name: "p.json")
        #expect(negative.hasPrefix("p.json:1 ($[0].sectors[0].participants): '-3' is not valid: expected a whole number of participants, 0 or more"), "\(negative)")
        let none = try error("\(Self.header)\nR1,A,,1000,,primary,Fife,,2,,,,\n", name: "p.csv")
        #expect(none.hasPrefix("p.csv:2:6 (column 'sectors'): 'primary' is not valid: expected sector:participants pairs"), "\(none)")
        let zero = try error("\(Self.header)\nR1,A,,1000,,primary:0;elc:0,Fife,,2,,,,\n", name: "p.csv")
        #expect(zero.hasPrefix("p.csv:2:6 (column 'sectors'): 'primary:0;elc:0' is not valid: expected at least one participant"), "\(zero)")
        let missing = try error(#"[{"id": "R1", "applicant": "A", "requested": 1000, "sectors": [{"sector": "primary"}], "areas": ["Fife"], "hours_per_participant": 2}]"#, name: "p.json")
        #expect(missing.hasPrefix("p.json:1 ($[0].sectors[0].participants): required field 'participants' is missing"), "\(missing)")
    }

    @Test func aDuplicateIdNamesBothPlaces() throws {
        let row = "R1,A,,1000,,primary:20,Fife,,2,,,,"
        let e = try error("\(Self.header)\n\(row)\nR2,B,,1000,,primary:20,Fife,,2,,,,\n\(row.replacingOccurrences(of: "R1", with: "r1 "))\n", name: "p.csv")
        #expect(e.hasPrefix("p.csv:4:1 (column 'id'): proposal id 'r1' appears twice (first at p.csv:2:1 (column 'id'))"), "\(e)")
    }

    @Test func missingRequiredFieldsAreNamed() throws {
        let json = try error(#"[{"id": "R1", "applicant": "A", "sectors": ["primary:2"], "areas": ["Fife"], "hours_per_participant": 2}]"#, name: "p.json")
        #expect(json.hasPrefix("p.json:1 ($[0].requested): required field 'requested' is missing or blank"), "\(json)")
        let blank = try error("\(Self.header)\nR1, ,,1000,,primary:20,Fife,,2,,,,\n", name: "p.csv")
        #expect(blank.hasPrefix("p.csv:2:2 (column 'applicant'): required field 'applicant' is missing or blank"), "\(blank)")
        let column = try error("id,applicant,sectors,areas\nR1,A,primary:2,Fife\n", name: "p.csv")
        #expect(column.hasPrefix("p.csv:1:1: missing required column(s) requested, hours_per_participant"), "\(column)")
    }

    @Test func unknownPrioritiesAndBarriersAreNamed() throws {
        let e = try error("\(Self.header)\nR1,A,,1000,,primary:20,Fife,,2,pedagogy;juggling,,,\n", name: "p.csv")
        #expect(e.hasPrefix("p.csv:2:10 (column 'priorities'): 'juggling' is not valid: expected one of the priorities codes"), "\(e)")
        let b = try error(#"{"id": "R1", "applicant": "A", "requested": 1, "sectors": ["primary:2"], "areas": ["Fife"], "hours_per_participant": 2, "barriers_addressed": ["staff-cover", "weather"]}"#, name: "p.jsonl")
        #expect(b.hasPrefix("p.jsonl:1 ($[0].barriers_addressed[1]): 'weather' is not valid: expected one of the barriers codes"), "\(b)")
    }

    @Test func brokenJSONNamesTheLineAndColumn() throws {
        let e = try error("[\n{\"id\": \"R1\",\n \"requested\": 10,,\n}]", name: "p.json")
        #expect(e.hasPrefix("p.json:3:18: expected a quoted field name"), "\(e)")
    }

    @Test func collectingErrorsListsEveryProblemAndKeepsTheValidProposals() throws {
        let text = """
        \(Self.header)
        R1,A,,1000,,primary:20,Fife,,2,,,,
        R2,B,,-1,,primry:20,Fife,,2,,,,
        R3,C,,1000,,primary:20,Atlantis,,2,,,,
        R1,D,,1000,,primary:20,Fife,,2,,,,
        R5,E,,1000,,primary:20,Fife,,2,,,,

        """
        let path = try Fixtures.file(text, name: "p.csv")
        let report = try self.reader().readCollectingErrors(path: path)
        #expect(report.items.map(\.id) == ["R1", "R5"])
        #expect(report.errors.map { $0.location.line } == [3, 3, 4, 5])
        #expect(report.errors.map { $0.location.column } == [4, 6, 7, 1])
        let reader = try reader()
        #expect(throws: report.errors[0]) { try reader.read(path: path) }
    }
}
