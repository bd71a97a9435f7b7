import Foundation
import Testing

/// `allot round run` on the demo's round files with applicants spelled in several ways: one applicant for the cap,
/// conflicts and track records, the spellings shown merged, and the same bytes whatever the row order.
@Suite("Applicants matched by one key in a round run", .serialized)
struct ApplicantKeyCLITests {
    typealias Proposals = [[String: Any]]

    static func demo() throws -> String { try #require(RoundCLITests.demo) }

    func write(_ proposals: Proposals) throws -> String {
        let path = try CLIHarness.scratch() + "/proposals.json"
        try JSONSerialization.data(withJSONObject: proposals, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }

    func demoProposals(_ dir: String) throws -> Proposals {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/demo/proposals.json"))) as? Proposals)
    }

    /// A round file with enough budget for every proposal, so only the applicant cap can hold anyone back.
    func roundFile(budget: Double, cap: Double?) throws -> String {
        let path = try CLIHarness.scratch() + "/round.yaml"
        let capLine = cap.map { ", max_per_applicant: \(Int($0))" } ?? ""
        try """
            round: applicant-keys
            budget: \(Int(budget))
            surveys: [practitioner-2022-23, technician-2022-23]
            supply_year: 2022-23
            score_scale: [1, 5]
            minimum_reviews: 2
            constraints: {group_floors: {}, reach_every_ric: false\(capLine)}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ dir: String, proposals: String, round: String, reviews: String? = nil, conflicts: String? = nil,
             output: [String] = ["--json"]) throws -> CLIHarness.Run {
        let f = dir + "/demo/"
        let run = try CLIHarness.allot(["round", "run", "--survey", "practitioner-2022-23", "--survey", "technician-2022-23",
                                        "--participation", f + "provider-participation.csv", "--activity", f + "provider-activity.csv",
                                        "--workforce", f + "workforce.csv", "--proposals", proposals,
                                        "--reviews", reviews ?? f + "reviews.csv", "--conflicts", conflicts ?? f + "conflicts.csv",
                                        "--round", round, "--data-dir", dir, "--samples", "0"] + output)
        #expect(run.status == 0, "\(run.err)")
        return run
    }

    func object(_ run: CLIHarness.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    }

    /// The applicant with the most proposals that all add value (ties by name), its proposals and their total ask.
    func cappedApplicant(_ dir: String, _ proposals: Proposals) throws -> (name: String, ids: [String], total: Double, smallest: Double) {
        let total = proposals.reduce(0.0) { $0 + ($1["requested"] as? Double ?? 0) }
        let base = try object(try run(dir, proposals: try write(proposals), round: try roundFile(budget: total + 1, cap: nil)))
        let ranked = try #require(base["proposals"] as? Proposals)
        let valued = Set(ranked.filter { ($0["value"] as? Double ?? 0) > 0 }.compactMap { $0["id"] as? String })
        let byApplicant = Dictionary(grouping: proposals) { $0["applicant"] as? String ?? "" }
        let candidates = byApplicant.filter { $0.value.count >= 2 && $0.value.allSatisfy { valued.contains($0["id"] as? String ?? "") } }
        let (name, list) = try #require(candidates.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.first)
        let asks = list.map { $0["requested"] as? Double ?? 0 }
        return (name, list.compactMap { $0["id"] as? String }.sorted(), asks.reduce(0, +), asks.min() ?? 0)
    }

    @Test("an applicant who upper-cases one proposal's name is still held to the cap, and its spellings are shown merged")
    func upperCasingDoesNotEscapeTheCap() throws {
        let dir = try Self.demo()
        var proposals = try demoProposals(dir)
        let applicant = try cappedApplicant(dir, proposals)
        let cap = (applicant.total - applicant.smallest / 2).rounded()
        let shouting = applicant.name.uppercased()
        let first = try #require(proposals.firstIndex { $0["id"] as? String == applicant.ids[0] })
        proposals[first]["applicant"] = shouting
        let total = proposals.reduce(0.0) { $0 + ($1["requested"] as? Double ?? 0) }
        let round = try roundFile(budget: total + 1, cap: cap)
        let path = try write(proposals)
        let result = try object(try run(dir, proposals: path, round: round))

        let ranked = try #require(result["proposals"] as? Proposals)
        let awarded = ranked.filter { applicant.ids.contains($0["id"] as? String ?? "") }.reduce(0.0) { $0 + ($1["award"] as? Double ?? 0) }
        #expect(awarded <= cap + 0.01, "\(applicant.name) awarded \(awarded) against a cap of \(cap)")
        let spellings = [applicant.name, shouting].sorted()
        // The display name: the most frequent spelling, ties to the first in sorted order.
        let name = applicant.ids.count > 2 ? applicant.name : spellings[0]
        let constraints = try #require(result["constraints"] as? Proposals)
        let capRow = constraints.first { $0["name"] as? String == "applicant_cap:\(name)" }
        #expect(capRow != nil, "no cap row for \(name): \(constraints.compactMap { $0["name"] as? String })")
        #expect((capRow?["achieved"] as? Double ?? .infinity) <= cap + 0.01)
        let applicants = try #require(result["applicants"] as? Proposals)
        let merged = try #require(applicants.first { ($0["proposals"] as? [String]) == applicant.ids })
        #expect(merged["name"] as? String == name)
        #expect(merged["spellings"] as? [String] == spellings)
        #expect(merged["key"] as? String == applicant.name.lowercased())
        #expect(abs((merged["awarded"] as? Double ?? -1) - awarded) < 0.01)
        #expect(abs((merged["requested"] as? Double ?? -1) - applicant.total) < 0.01)

        let text = try run(dir, proposals: path, round: round, output: [])
        #expect(text.out.contains("Applicants spelled more than one way"))
        let unwrapped: String = text.out
        let quoted: String = spellings.map { "\"\($0)\"" }.joined(separator: ", ")
        let line: String = "  \(name): \(quoted) (\(applicant.ids.joined(separator: ", ")))"
        #expect(unwrapped.contains(line))
    }

    @Test("the output is byte-identical whatever the order of proposals and reviews, with tied spellings")
    func shuffledRowsGiveTheSameBytes() throws {
        let dir = try Self.demo()
        var proposals = try demoProposals(dir)
        let applicant = try cappedApplicant(dir, proposals)
        // Two spellings, equally frequent when the applicant has an even number of proposals: the name must not
        // come from whichever row is read first.
        for (n, id) in applicant.ids.enumerated() where n % 2 == 1 {
            let i = try #require(proposals.firstIndex { $0["id"] as? String == id })
            proposals[i]["applicant"] = "  " + applicant.name.uppercased() + ". "
        }
        let total = proposals.reduce(0.0) { $0 + ($1["requested"] as? Double ?? 0) }
        let round = try roundFile(budget: total * 0.6, cap: (applicant.total * 0.7).rounded())
        let reviewLines = try String(contentsOfFile: dir + "/demo/reviews.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let reversedReviews = try CLIHarness.scratch() + "/reviews.csv"
        try ([reviewLines[0]] + reviewLines.dropFirst().reversed()).joined(separator: "\n").write(toFile: reversedReviews, atomically: true, encoding: .utf8)
        let rotated = Array(proposals[(proposals.count / 3)...] + proposals[..<(proposals.count / 3)]).reversed()

        let inOrder = try write(proposals), shuffled = try write(Array(rotated))
        for output in [["--json"], []] {
            let a = try run(dir, proposals: inOrder, round: round, output: output)
            let b = try run(dir, proposals: shuffled, round: round, reviews: reversedReviews, output: output)
            #expect(!a.out.isEmpty && a.out == b.out, "output \(output) differs under shuffled rows")
        }
        let csvA = try CLIHarness.scratch() + "/a.csv", csvB = try CLIHarness.scratch() + "/b.csv"
        _ = try run(dir, proposals: inOrder, round: round, output: ["--csv", csvA])
        _ = try run(dir, proposals: shuffled, round: round, reviews: reversedReviews, output: ["--csv", csvB])
        let spreadsheet = try Data(contentsOf: URL(fileURLWithPath: csvA))
        let shuffledSpreadsheet = try Data(contentsOf: URL(fileURLWithPath: csvB))
        #expect(!spreadsheet.isEmpty && spreadsheet == shuffledSpreadsheet)
        #expect(String(decoding: spreadsheet, as: UTF8.self).hasPrefix("rank,id,applicant,applicant_as_written,"))
        let result = try object(try run(dir, proposals: shuffled, round: round))
        let merged = try #require((result["applicants"] as? Proposals)?.first { ($0["proposals"] as? [String]) == applicant.ids })
        #expect((merged["spellings"] as? [String])?.count == 2)
    }

    @Test("a conflict spelled another way (full-width letters, spaces, case, a full stop) still drops the reviewer's review")
    func conflictsMatchVariantSpellings() throws {
        let dir = try Self.demo()
        let proposals = try demoProposals(dir)
        // reviewer-3 is conflicted with Highland Science Festival; the file spells it differently.
        let target = try #require(proposals.first { $0["applicant"] as? String == "Highland Science Festival" }?["id"] as? String)
        let conflicts = try CLIHarness.scratch() + "/conflicts.csv"
        try "reviewer,applicant\nreviewer-3,\"  \u{FF28}IGHLAND  science\u{00A0}FESTIVAL. \"\n".write(toFile: conflicts, atomically: true, encoding: .utf8)
        let reviews = try CLIHarness.scratch() + "/reviews.csv"
        let original = try String(contentsOfFile: dir + "/demo/reviews.csv", encoding: .utf8)
        try (original + "\(target),reviewer-3,quality,5,\n\(target),reviewer-3,feasibility,5,\n").write(toFile: reviews, atomically: true, encoding: .utf8)
        let total = proposals.reduce(0.0) { $0 + ($1["requested"] as? Double ?? 0) }
        let result = try object(try run(dir, proposals: try write(proposals), round: try roundFile(budget: total / 2, cap: nil),
                                        reviews: reviews, conflicts: conflicts))
        let dropped = (result["calibration"] as? [String: Any])?["dropped"] as? [String] ?? []
        #expect(dropped.contains { $0.hasPrefix("reviewer-3 on \(target)") }, "\(dropped)")
    }
}
