import AllotCore
import Testing

@Suite struct ReviewerAssignmentTests {
    /// A random small panel: a few proposals from a few applicants, conflicts, maximum loads and kept assignments.
    private struct Case {
        var proposals: [AssignmentProposal] = []
        var reviewers: [AssignmentReviewer] = []
        var conflicts: [AssignmentConflicts] = []
        var existing: [ReviewAssignment] = []
        var k = 1

        init(seed: UInt64) {
            var rng = SeededRandom(seed: seed)
            let applicants = ["Highland Science Festival", "Code Club Fife", "Ayr Makers"]
            for i in 0..<(2 + Int(rng.next() % 3)) {
                proposals.append(AssignmentProposal(id: "P-\(i)", applicant: applicants[Int(rng.next() % 3)]))
            }
            for j in 0..<(2 + Int(rng.next() % 3)) {
                reviewers.append(AssignmentReviewer(id: "reviewer-\(j)", maxLoad: rng.chance(0.5) ? Int(rng.next() % 4) : nil))
                var named: [String] = [], ids: [String] = []
                if rng.chance(0.3) { named.append("  " + applicants[Int(rng.next() % 3)].uppercased() + " ") }
                if rng.chance(0.3) { ids.append(proposals[Int(rng.next() % UInt64(proposals.count))].id) }
                conflicts.append(AssignmentConflicts(reviewer: "reviewer-\(j)", applicants: named, proposals: ids))
            }
            k = 1 + Int(rng.next() % 2)
            for p in proposals {
                for r in reviewers where rng.chance(0.15) && !conflicted(r.id, p) {
                    existing.append(ReviewAssignment(proposal: p.id, reviewer: r.id))
                }
            }
        }

        func conflicted(_ reviewer: String, _ proposal: AssignmentProposal) -> Bool {
            let key = { (s: String) in s.trimmingCharacters(in: .whitespaces).lowercased() }
            return conflicts.contains {
                $0.reviewer == reviewer && ($0.proposals.contains(proposal.id) || $0.applicants.map(key).contains(key(proposal.applicant)))
            }
        }

        /// The best (largest load, sum of squares) over every assignment, or nil when none is feasible.
        func bruteForceOptimum() -> (maxLoad: Int, sumOfSquares: Int)? {
            var best: (maxLoad: Int, sumOfSquares: Int)?
            var loads = Dictionary(uniqueKeysWithValues: reviewers.map { ($0.id, 0) })
            for e in existing { loads[e.reviewer, default: 0] += 1 }
            let kept = loads
            let choices: [[[String]]] = proposals.map { p in
                let have = existing.filter { $0.proposal == p.id }.map(\.reviewer)
                let free = reviewers.map(\.id).filter { !have.contains($0) && !conflicted($0, p) }
                return subsets(free, size: max(0, k - have.count))
            }
            func walk(_ i: Int, _ loads: [String: Int]) {
                guard i < choices.count else {
                    // Kept assignments may exceed a maximum lowered since; such a reviewer only gets nothing new.
                    guard reviewers.allSatisfy({ loads[$0.id, default: 0] <= max($0.maxLoad ?? Int.max, kept[$0.id, default: 0]) }) else { return }
                    let score = (loads.values.max() ?? 0, loads.values.reduce(0) { $0 + $1 * $1 })
                    if best.map({ score < $0 }) ?? true { best = score }
                    return
                }
                for choice in choices[i] {
                    var next = loads
                    for r in choice { next[r, default: 0] += 1 }
                    walk(i + 1, next)
                }
            }
            walk(0, loads)
            return best
        }

        private func subsets(_ items: [String], size: Int) -> [[String]] {
            if size == 0 { return [[]] }
            guard let first = items.first else { return [] }
            let rest = Array(items.dropFirst())
            return subsets(rest, size: size - 1).map { [first] + $0 } + subsets(rest, size: size)
        }

        func assign() throws(ReviewerAssignmentError) -> ReviewerAssignmentResult {
            try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, conflicts: conflicts,
                                          reviewsPerProposal: k, existing: existing)
        }
    }

    @Test func smallCasesMatchTheBruteForceOptimum() throws {
        var feasible = 0
        for seed in UInt64(1)...300 {
            let c = Case(seed: seed)
            let optimum = c.bruteForceOptimum()
            let result: ReviewerAssignmentResult
            do {
                result = try c.assign()
            } catch {
                #expect(optimum == nil, "seed \(seed): \(error) but brute force found \(String(describing: optimum))")
                continue
            }
            feasible += 1
            #expect(optimum?.maxLoad == result.maxLoad, "seed \(seed)")
            #expect(optimum?.sumOfSquares == result.sumOfSquares, "seed \(seed)")
            for p in c.proposals {
                let reviewers = result.assignments.filter { $0.proposal == p.id }.map(\.reviewer)
                #expect(Set(reviewers).count == reviewers.count)
                #expect(reviewers.count >= c.k)
                #expect(!reviewers.contains { c.conflicted($0, p) }, "seed \(seed)")
            }
            for r in c.reviewers where result.added.contains(where: { $0.reviewer == r.id }) {
                #expect(result.loads[r.id, default: 0] <= r.maxLoad ?? Int.max)
            }
            #expect(Set(c.existing).isSubset(of: Set(result.assignments)))
        }
        #expect(feasible > 100)
    }

    @Test func conflictedApplicantsAreMatchedWhateverTheCaseAndSpacing() throws {
        let proposals = [AssignmentProposal(id: "P-1", applicant: "Highland Science Festival"),
                         AssignmentProposal(id: "P-2", applicant: "Code Club Fife")]
        let reviewers = ["ann", "bob", "cat"].map { AssignmentReviewer(id: $0) }
        let conflicts = [AssignmentConflicts(reviewer: "ann", applicants: ["  highland  science FESTIVAL "]),
                         AssignmentConflicts(reviewer: "bob", proposals: ["P-2"])]
        let result = try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, conflicts: conflicts, reviewsPerProposal: 2)
        #expect(result.assignments == [ReviewAssignment(proposal: "P-1", reviewer: "bob"), ReviewAssignment(proposal: "P-1", reviewer: "cat"),
                                       ReviewAssignment(proposal: "P-2", reviewer: "ann"), ReviewAssignment(proposal: "P-2", reviewer: "cat")])
    }

    @Test func existingAssignmentsAreKeptAndCountTowardsLoads() throws {
        let proposals = (1...4).map { AssignmentProposal(id: "P-\($0)", applicant: "A\($0)") }
        let reviewers = ["ann", "bob"].map { AssignmentReviewer(id: $0) }
        let existing = [ReviewAssignment(proposal: "P-1", reviewer: "ann"), ReviewAssignment(proposal: "P-2", reviewer: "ann")]
        let result = try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, reviewsPerProposal: 1, existing: existing)
        #expect(result.added == [ReviewAssignment(proposal: "P-3", reviewer: "bob"), ReviewAssignment(proposal: "P-4", reviewer: "bob")])
        #expect(result.loads == ["ann": 2, "bob": 2])
        #expect(result.dropped.isEmpty)
    }

    @Test func existingAssignmentsNowConflictedOrUnknownAreDroppedAndReplaced() throws {
        let proposals = [AssignmentProposal(id: "P-1", applicant: "Ayr Makers")]
        let reviewers = ["ann", "bob"].map { AssignmentReviewer(id: $0) }
        let existing = [ReviewAssignment(proposal: "P-1", reviewer: "ann"), ReviewAssignment(proposal: "P-9", reviewer: "bob")]
        let result = try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers,
                                                   conflicts: [AssignmentConflicts(reviewer: "ann", applicants: ["ayr makers"])],
                                                   reviewsPerProposal: 1, existing: existing)
        #expect(result.assignments == [ReviewAssignment(proposal: "P-1", reviewer: "bob")])
        #expect(result.dropped.map(\.description) == ["ann -> P-1: reviewer ann is conflicted: applicant ayr makers",
                                                      "bob -> P-9: no proposal P-9 in the round"])
    }

    @Test func inputOrderDoesNotChangeTheAnswer() throws {
        var rng = SeededRandom(seed: 42)
        let proposals = (0..<30).map { AssignmentProposal(id: "P-\($0)", applicant: "applicant \($0 % 7)") }
        let reviewers = (0..<8).map { AssignmentReviewer(id: "reviewer-\($0)", maxLoad: $0 == 3 ? 5 : nil) }
        let conflicts = (0..<8).map { AssignmentConflicts(reviewer: "reviewer-\($0)", applicants: ["Applicant \($0)"], proposals: ["P-\($0 * 3)"]) }
        let existing = [ReviewAssignment(proposal: "P-5", reviewer: "reviewer-1"), ReviewAssignment(proposal: "P-6", reviewer: "reviewer-2")]
        let reference = try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, conflicts: conflicts,
                                                      reviewsPerProposal: 3, existing: existing)
        for _ in 0..<5 {
            let shuffled = try ReviewerAssignment.assign(proposals: proposals.shuffled(using: &rng), reviewers: reviewers.shuffled(using: &rng),
                                                         conflicts: conflicts.shuffled(using: &rng), reviewsPerProposal: 3,
                                                         existing: existing.shuffled(using: &rng))
            #expect(shuffled == reference)
        }
        #expect(reference.maxLoad == 13)   // 85 reviews left for 7 reviewers once reviewer-3 is full at 5: 12.1, rounded up
    }

    @Test func aProposalWithTooFewUnconflictedReviewersIsNamed() {
        let proposals = [AssignmentProposal(id: "P-12", applicant: "Highland Science Festival"),
                         AssignmentProposal(id: "P-13", applicant: "Code Club Fife")]
        let reviewers = [AssignmentReviewer(id: "reviewer-1"), AssignmentReviewer(id: "reviewer-3")]
        let conflicts = [AssignmentConflicts(reviewer: "reviewer-3", applicants: ["Highland Science Festival"])]
        #expect {
            try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, conflicts: conflicts, reviewsPerProposal: 2)
        } throws: { error in
            "\(error)" == "proposal P-12 needs 2 reviewers but only 1 is not conflicted (reviewer-3 conflicted: applicant Highland Science Festival)"
        }
    }

    @Test func reviewersAtTheirMaximumLoadAreNamed() {
        let proposals = [AssignmentProposal(id: "P-1", applicant: "A"), AssignmentProposal(id: "P-2", applicant: "B")]
        let reviewers = [AssignmentReviewer(id: "ann", maxLoad: 1), AssignmentReviewer(id: "bob")]
        let existing = [ReviewAssignment(proposal: "P-1", reviewer: "ann")]
        #expect {
            try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, reviewsPerProposal: 2, existing: existing)
        } throws: { error in
            "\(error)" == "proposal P-2 needs 2 reviewers but only 1 is available (ann already at its maximum load of 1)"
        }
    }

    @Test func loadsThatCannotBeMetTogetherNameTheProposalsAndReviewers() {
        let proposals = (1...3).map { AssignmentProposal(id: "P-\($0)", applicant: "A\($0)") }
        let reviewers = [AssignmentReviewer(id: "ann", maxLoad: 1), AssignmentReviewer(id: "bob", maxLoad: 1), AssignmentReviewer(id: "cat")]
        let conflicts = [AssignmentConflicts(reviewer: "cat", applicants: ["a1", "a2", "a3"])]
        #expect {
            try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, conflicts: conflicts, reviewsPerProposal: 1)
        } throws: { error in
            "\(error)" == "reviewers' maximum loads cannot be met: proposals P-1, P-2, P-3 need 3 more reviews but can get at most 2 "
                + "(ann 1 more before its maximum load of 1, bob 1 more before its maximum load of 1)"
        }
    }

    @Test func invalidInputIsATypedError() {
        let p = [AssignmentProposal(id: "P-1", applicant: "A")]
        #expect(throws: ReviewerAssignmentError.invalidReviewsPerProposal(-1)) {
            try ReviewerAssignment.assign(proposals: p, reviewers: [], reviewsPerProposal: -1)
        }
        #expect {
            try ReviewerAssignment.assign(proposals: p, reviewers: [AssignmentReviewer(id: "ann")], reviewsPerProposal: 2)
        } throws: { "\($0)" == "proposal P-1 needs 2 reviewers but the panel has only 1" }
        #expect(throws: ReviewerAssignmentError.duplicateReviewer("ann")) {
            try ReviewerAssignment.assign(proposals: p, reviewers: [AssignmentReviewer(id: "ann"), AssignmentReviewer(id: "ann")], reviewsPerProposal: 1)
        }
    }

    @Test func aRealisticRoundIsBalancedToTheCeiling() throws {
        let proposals = (0..<300).map { AssignmentProposal(id: String(format: "P-%03d", $0), applicant: "applicant \($0 % 97)") }
        let reviewers = (0..<40).map { AssignmentReviewer(id: "reviewer-\($0)") }
        let conflicts = (0..<40).map { AssignmentConflicts(reviewer: "reviewer-\($0)", applicants: ["applicant \($0 * 2)", "applicant \($0 * 2 + 1)"]) }
        let result = try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, conflicts: conflicts, reviewsPerProposal: 3)
        #expect(result.added.count == 900)
        #expect(result.maxLoad == 23)
        #expect(result.sumOfSquares == 20 * 23 * 23 + 20 * 22 * 22)
    }
}
