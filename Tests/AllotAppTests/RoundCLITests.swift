import Foundation
import Testing

/// `allot round run` and `allot gaps` on the demo's generated round files.
@Suite(.serialized) struct RoundCLITests {
    /// A data directory with the demo's surveys ingested and its round files written.
    static let demo: String? = {
        guard let dir = try? CLIHarness.scratch(), let run = try? CLIHarness.allot(["demo", "--data-dir", dir, "--responses", "400", "--samples", "0", "--no-service"]),
              run.status == 0 else { return nil }
        return dir
    }()

    func roundArgs(_ dir: String, proposals: String? = nil, reviews: String? = nil, participation: String? = nil) -> [String] {
        let f = dir + "/demo/"
        return ["round", "run", "--survey", "practitioner-2022-23", "--survey", "technician-2022-23",
                "--participation", participation ?? f + "provider-participation.csv", "--activity", f + "provider-activity.csv",
                "--workforce", f + "workforce.csv", "--proposals", proposals ?? f + "proposals.json",
                "--reviews", reviews ?? f + "reviews.csv", "--conflicts", f + "conflicts.csv", "--round", f + "round.yaml",
                "--data-dir", dir, "--json", "--samples", "100"]
    }

    func proposalsOf(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["proposals"] as? [[String: Any]])
    }

    @Test("A proposal with fewer reviews than the round requires is ranked but not funded, and its status says so")
    func tooFewReviewsIsNotFunded() throws {
        let dir = try #require(Self.demo)
        let before = try proposalsOf(try CLIHarness.allot(roundArgs(dir)).out)
        let funded = try #require(before.first { $0["recommended"] as? Bool == true }?["id"] as? String)
        // Keep only one reviewer's scores for a funded proposal: the demo round wants 2.
        let lines = try String(contentsOfFile: dir + "/demo/reviews.csv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        let firstReviewer = try #require(lines.first { $0.hasPrefix(funded + ",") }?.split(separator: ",")[1])
        let kept = lines.filter { !$0.hasPrefix(funded + ",") || $0.split(separator: ",")[1] == firstReviewer }
        let reviews = try CLIHarness.scratch() + "/reviews-short.csv"
        try (kept.joined(separator: "\n") + "\n").write(toFile: reviews, atomically: true, encoding: .utf8)
        let after = try proposalsOf(try CLIHarness.allot(roundArgs(dir, reviews: reviews)).out)
        let line = try #require(after.first { $0["id"] as? String == funded })
        #expect(line["recommended"] as? Bool == false)
        #expect(line["rank"] != nil, "still ranked")
        let status = try #require(line["status"] as? [String: Any])
        #expect(status["reason"] as? String == "too_few_reviews")
        #expect(status["explanation"] as? String == "not funded: fewer reviews than required (1 of 2); it can be funded once its reviews are in")
        #expect(after.contains { $0["recommended"] as? Bool == true }, "the others are still funded")
        #expect(!before.contains { ($0["status"] as? [String: Any])?["reason"] as? String == "too_few_reviews" }, "the demo's own reviews are enough")

        // With no reviews at all nothing is fundable, so the round's rule that every RIC is reached cannot be met: the
        // error says the proposals were left out for their reviews, not only that the budget and cap fall short.
        let none = try CLIHarness.scratch() + "/reviews-none.csv"
        try "proposal,reviewer,criterion,score,comment\n".write(toFile: none, atomically: true, encoding: .utf8)
        let empty = try CLIHarness.allot(roundArgs(dir, reviews: none))
        #expect(empty.status != 0)
        #expect(empty.err.contains("\(before.count) proposals are left out until they have the 2 reviews the round requires."), "\(empty.err)")
    }

    @Test("A round file or --budget out of range is refused naming the file and key (or the option), never solved")
    func outOfRangeRoundValuesAreRefused() throws {
        let dir = try #require(Self.demo)
        let scratch = try CLIHarness.scratch()
        for (key, line) in [("budget", "budget: 1e20"), ("minimum_reviews", "minimum_reviews: 1152921504606846976"),
                            ("constraints.max_per_applicant", "constraints:\n  max_per_applicant: 1e20"), ("score_scale", "score_scale: [0, 1e300]")] {
            let file = scratch + "/round-\(key).yaml"
            try "round: limits\n\(line)\n".write(toFile: file, atomically: true, encoding: .utf8)
            var args = roundArgs(dir)
            args[args.firstIndex(of: "--round")! + 1] = file
            let run = try CLIHarness.allot(args)
            #expect(run.status != 0 && run.status < 128, "\(key): exit \(run.status)")
            #expect(run.err.contains(file) && run.err.contains(key), "\(key): \(run.err.prefix(400))")
        }
        var args = roundArgs(dir)
        args += ["--budget", "1e20"]
        let run = try CLIHarness.allot(args)
        #expect(run.status != 0 && run.status < 128)
        #expect(run.err.contains("--budget"), "\(run.err.prefix(400))")
    }

    @Test func theRoundIsByteIdenticalWhateverTheOrderOfProposalsAndReviews() throws {
        let dir = try #require(Self.demo)
        let a = try CLIHarness.allot(roundArgs(dir))
        #expect(a.status == 0)
        let proposals = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/demo/proposals.json"))) as? [Any])
        let reversed = try CLIHarness.scratch() + "/proposals.json"
        try JSONSerialization.data(withJSONObject: Array(proposals.reversed())).write(to: URL(fileURLWithPath: reversed))
        let reviewLines = try String(contentsOfFile: dir + "/demo/reviews.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let shuffledReviews = try CLIHarness.scratch() + "/reviews.csv"
        try ([reviewLines[0]] + reviewLines.dropFirst().reversed()).joined(separator: "\n").write(toFile: shuffledReviews, atomically: true, encoding: .utf8)
        let b = try CLIHarness.allot(roundArgs(dir, proposals: reversed, reviews: shuffledReviews))
        #expect(b.status == 0)
        #expect(!a.out.isEmpty && a.out == b.out)
        let ranked = try proposalsOf(a.out)
        #expect(ranked.count == 60)
        #expect(ranked.map { $0["rank"] as? Int } == (1...60).map { Optional($0) })
        // The round has a budget, so the recommended portfolio comes with it, within the rules.
        let round = try #require(try JSONSerialization.jsonObject(with: Data(a.out.utf8)) as? [String: Any])
        let allocated = try #require(round["allocated"] as? Double)
        let awards = ranked.filter { $0["recommended"] as? Bool == true }.reduce(0.0) { $0 + ($1["award"] as? Double ?? 0) }
        #expect(allocated <= 325_000 + 0.01 && abs(awards - allocated) < 1)
        let constraints = try #require(round["constraints"] as? [[String: Any]])
        let floor = constraints.first { $0["name"] as? String == "group_floor:asn" }
        #expect((floor?["achieved"] as? Double ?? 0) >= (floor?["required"] as? Double ?? 1) - 0.01)
        #expect(ranked.allSatisfy { $0["recommended"] is Bool })
        // Robustness: every proposal has a funded probability; near the line means strictly between 10% and 90%.
        let probabilities = ranked.compactMap { $0["funded_probability"] as? Double }
        #expect(probabilities.count == 60 && probabilities.allSatisfy { (0...1).contains($0) })
        for p in ranked {
            let probability = p["funded_probability"] as? Double ?? -1
            #expect((p["near_line"] as? Bool) == (0.1...0.9).contains(probability))
            if p["recommended"] as? Bool == true { #expect(p["funded_at_budget_levels"] is [Double]) }
        }
        let robustness = try #require(round["robustness"] as? [String: Any])
        #expect(robustness["samples"] as? Int == 100)
        let groups = try #require(round["by_group"] as? [[String: Any]])
        let asn = try #require(groups.first { $0["key"] as? String == "asn" })
        #expect(asn["floor"] as? Double == 32_500 && (asn["amount"] as? Double ?? 0) >= 32_500 - 0.01)
    }

    @Test func aConflictedReviewNeverCounts() throws {
        let dir = try #require(Self.demo)
        let base = try CLIHarness.allot(roundArgs(dir))
        // reviewer-3 is conflicted with Highland Science Festival: give one of its proposals a glowing review.
        let proposals = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/demo/proposals.json"))) as? [[String: Any]])
        let target = try #require(proposals.first { $0["applicant"] as? String == "Highland Science Festival" }?["id"] as? String)
        let extra = try CLIHarness.scratch() + "/reviews.csv"
        let original = try String(contentsOfFile: dir + "/demo/reviews.csv", encoding: .utf8)
        try (original + "\(target),reviewer-3,quality,5,\n\(target),reviewer-3,feasibility,5,\n").write(toFile: extra, atomically: true, encoding: .utf8)
        let withConflict = try CLIHarness.allot(roundArgs(dir, reviews: extra))
        #expect(withConflict.status == 0)
        let a = try proposalsOf(base.out), b = try proposalsOf(withConflict.out)
        #expect(NSArray(array: a).isEqual(to: b))
        let calibration = (try JSONSerialization.jsonObject(with: Data(withConflict.out.utf8)) as? [String: Any])?["calibration"] as? [String: Any]
        let dropped = calibration?["dropped"] as? [String] ?? []
        #expect(dropped.contains { $0.hasPrefix("reviewer-3 on \(target)") })
    }

    @Test func aDoubleCountedSupplyReturnIsRejectedWithItsPlace() throws {
        let dir = try #require(Self.demo)
        let lines = try String(contentsOfFile: dir + "/demo/provider-participation.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let doubled = try CLIHarness.scratch() + "/participation.csv"
        try (lines + [lines[1]]).joined(separator: "\n").write(toFile: doubled, atomically: true, encoding: .utf8)
        let run = try CLIHarness.allot(roundArgs(dir, participation: doubled))
        #expect(run.status != 0)
        #expect(run.err.contains("participation.csv:\(lines.count + 1):"))
        #expect(run.err.contains("double counting"))
    }

    @Test func gapsAreListedWithTheirSource() throws {
        let dir = try #require(Self.demo)
        let f = dir + "/demo/"
        let run = try CLIHarness.allot(["gaps", "--survey", "practitioner-2022-23", "--participation", f + "provider-participation.csv",
                                        "--workforce", f + "workforce.csv", "--data-dir", dir, "--json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        #expect(object?["practitioners_from"] as? String == "workforce")
        let cells = object?["cells"] as? [[String: Any]] ?? []
        #expect(cells.contains { $0["level"] as? String == "ric" })
        // With the demo's postcode lookup, gaps are also split by urban/rural class, and the split adds up.
        let classRows = cells.filter { $0["level"] as? String == "urban_rural" && $0["group"] as? String == "primary" }
        #expect(classRows.count == 6)
        let councilGap = cells.filter { $0["level"] as? String == "council" && $0["group"] as? String == "primary" }
            .reduce(0.0) { $0 + ($1["gap_hours"] as? Double ?? 0) }
        let classGap = classRows.reduce(0.0) { $0 + ($1["gap_hours"] as? Double ?? 0) }
        #expect(classGap > 0 && classGap <= councilGap + 1)
        for cell in cells where cell["level"] as? String == "council" {
            let demand = cell["demand_hours"] as? Double ?? 0, supplied = cell["supplied_hours"] as? Double ?? 0, gap = cell["gap_hours"] as? Double ?? -1
            #expect(abs(gap - max(0, demand - supplied)) < 0.02)
        }
    }

    @Test("every unfunded proposal ranked above the last funded one says why, in the JSON and the readable ranking")
    func unfundedProposalsSayWhy() throws {
        let dir = try #require(Self.demo)
        let json = try CLIHarness.allot(roundArgs(dir))
        let ranked = try proposalsOf(json.out)
        let lastFunded = try #require(ranked.filter { $0["recommended"] as? Bool == true }.compactMap { $0["rank"] as? Int }.max())
        let unfunded = ranked.filter { $0["recommended"] as? Bool == false && ($0["rank"] as? Int ?? 0) < lastFunded }
        #expect(!unfunded.isEmpty)
        let reasons = Set(["too_few_reviews", "no_gap", "applicant_cap", "outscored_for_money", "round_rules", "budget_spent"])
        var text = roundArgs(dir)
        text.removeAll { $0 == "--json" }
        let readable = try CLIHarness.allot(text).out.split(separator: "\n").map(String.init)
        for p in unfunded {
            let status = try #require(p["status"] as? [String: Any])
            #expect(status["state"] as? String == "not funded")
            #expect(reasons.contains(status["reason"] as? String ?? ""))
            let explanation = try #require(status["explanation"] as? String)
            #expect(explanation.hasPrefix("not funded: "))
            // In the ranking, the proposal's row (possibly wrapped) is followed by its reason.
            let id = try #require(p["id"] as? String)
            let row = try #require(readable.firstIndex { $0.range(of: #"^ *[0-9]+ "# + id + " ", options: .regularExpression) != nil })
            #expect(readable[row...].prefix(4).contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("not funded: ") })
        }
        // The demo round has both kinds: a cap and proposals that buy more for the money.
        #expect(unfunded.contains { ($0["status"] as? [String: Any])?["reason"] as? String == "applicant_cap" })
        #expect(unfunded.contains { ($0["status"] as? [String: Any])?["reason"] as? String == "outscored_for_money" })
    }

    @Test("the budget line is drawn under the last proposal that fits in rank order")
    func budgetLineUnderTheLastThatFits() throws {
        let dir = try #require(Self.demo)
        let ranked = try proposalsOf(try CLIHarness.allot(roundArgs(dir)).out)
        var cumulative = 0.0
        var firstOver: Int?
        for p in ranked {
            cumulative += p["requested"] as? Double ?? 0
            if cumulative > 325_000 { firstOver = p["rank"] as? Int; break }
        }
        let over = try #require(firstOver)
        var text = roundArgs(dir)
        text.removeAll { $0 == "--json" }
        let lines = try CLIHarness.allot(text).out.split(separator: "\n").map(String.init)
        let marker = try #require(lines.firstIndex { $0.contains("budget reached in rank order") })
        #expect(lines[marker + 1].range(of: "^ *\(over) R5-", options: .regularExpression) != nil)
    }

    @Test("money is written one way and counts are counts")
    func oneMoneyFormat() throws {
        let dir = try #require(Self.demo)
        var text = roundArgs(dir)
        text.removeAll { $0 == "--json" }
        let out = try CLIHarness.allot(text).out
        #expect(!out.contains("GBP"))
        #expect(out.range(of: #"£[0-9]{4}"#, options: .regularExpression) == nil)
        #expect(out.range(of: #"Reach [A-Za-z ]+ +at least 1 proposal +achieved [0-9]+ proposals"#, options: .regularExpression) != nil)
        #expect(!out.contains("required 1.00"))
    }

    @Test("The readable gaps table has the RIC roll-ups the JSON has")
    func theGapsTextHasTheRICRows() throws {
        let dir = try #require(Self.demo)
        let f = dir + "/demo/"
        let args = ["gaps", "--survey", "practitioner-2022-23", "--participation", f + "provider-participation.csv",
                    "--workforce", f + "workforce.csv", "--data-dir", dir]
        let json = try CLIHarness.allot(args + ["--json"])
        let text = try CLIHarness.allot(args)
        #expect(json.status == 0 && text.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let rics = (object?["cells"] as? [[String: Any]] ?? []).filter { $0["level"] as? String == "ric" }
        #expect(!rics.isEmpty)
        let lines = text.out.split(separator: "\n").map(String.init)
        for cell in rics {
            let group = cell["group"] as? String ?? "", name = cell["area_name"] as? String ?? cell["area"] as? String ?? ""
            let gap = String(format: "%.0f", cell["gap_hours"] as? Double ?? -1)
            #expect(lines.contains { $0.hasPrefix("ric ") && $0.contains(group) && $0.contains(name + " ") && $0.contains(" \(gap) ") },
                    "no text row for RIC \(name), \(group)")
        }
    }
}
