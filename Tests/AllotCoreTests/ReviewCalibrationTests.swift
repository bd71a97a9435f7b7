import AllotCore
import Testing

@Suite struct ReviewCalibrationTests {
    private static func proposal(_ id: String, applicant: String? = nil) -> Proposal {
        Proposal(id: id, applicant: applicant ?? "Applicant \(id)", requested: 10_000, participants: [(group: 1, count: 10)],
                 areas: [.national], hoursPerParticipant: 2)
    }

    /// Reviews from a known truth: score = quality + offset + noise, each proposal seen by `perProposal` reviewers.
    private static func generated(seed: UInt64, proposals: Int, offsets: [Double], perProposal: Int, noise: Double,
                                  criteria: [String] = ["quality", "deliverability"]) -> (proposals: [Proposal], reviews: [Review], quality: [String: Double]) {
        var rng = SeededRandom(seed: seed)
        var ps: [Proposal] = [], reviews: [Review] = [], quality: [String: Double] = [:]
        for i in 0..<proposals {
            let id = "P\(100 + i)"
            ps.append(proposal(id))
            let q = 2 + 2 * rng.unit()
            quality[id] = q
            var chosen: [Int] = []
            while chosen.count < perProposal {
                let r = Int(rng.next() % UInt64(offsets.count))
                if !chosen.contains(r) { chosen.append(r) }
            }
            for r in chosen {
                for c in criteria {
                    let s = q + offsets[r] + noise * (2 * rng.unit() - 1)
                    reviews.append(Review(proposal: id, reviewer: "reviewer-\(r)", criterion: c, score: s))
                }
            }
        }
        return (ps, reviews, quality)
    }

    @Test func calibrationRecoversKnownReviewerOffsets() throws {
        let offsets = [-0.6, -0.4, -0.2, 0, 0.1, 0.2, 0.3, 0.6]
        let data = Self.generated(seed: 42, proposals: 40, offsets: offsets, perProposal: 3, noise: 0.3)
        let result = ReviewCalibration.calibrate(proposals: data.proposals, reviews: data.reviews)
        #expect(result.method == .reviewerBias)
        #expect(result.reviewers.count == offsets.count)
        for r in result.reviewers {
            let index = try #require(Int(r.reviewer.dropFirst("reviewer-".count)))
            #expect(abs(r.offset - offsets[index]) < 0.15, "\(r.reviewer): \(r.offset) vs \(offsets[index])")
        }
        #expect(abs(result.reviewers.reduce(0) { $0 + $1.offset }) < 1e-9)
        // Removing the offsets brings the panel closer to the truth than the raw means.
        var rawError = 0.0, calibratedError = 0.0
        for p in result.proposals {
            let truth = try #require(data.quality[p.proposal])
            rawError += abs(try #require(p.rawScore) - truth)
            calibratedError += abs(try #require(p.calibratedScore) - truth)
        }
        #expect(calibratedError < 0.6 * rawError, "calibrated \(calibratedError) vs raw \(rawError)")
        #expect(calibratedError / Double(result.proposals.count) < 0.1)
    }

    @Test func noiseFreeScoresAreSolvedExactly() throws {
        let offsets = [-0.5, 0.25, 0.75, -0.5]
        let data = Self.generated(seed: 7, proposals: 12, offsets: offsets, perProposal: 2, noise: 0)
        let result = ReviewCalibration.calibrate(proposals: data.proposals, reviews: data.reviews)
        try #require(result.method == .reviewerBias, "\(result.methodReason)")
        for r in result.reviewers {
            let index = try #require(Int(r.reviewer.dropFirst("reviewer-".count)))
            #expect(abs(r.offset - offsets[index]) < 1e-9)
        }
        for p in result.proposals { #expect(abs(try #require(p.calibratedScore) - (data.quality[p.proposal] ?? 0)) < 1e-9) }
    }

    @Test func aConflictedReviewNeverCounts() throws {
        let offsets = [-0.3, 0, 0.3, 0.5, -0.5]
        var data = Self.generated(seed: 3, proposals: 15, offsets: offsets, perProposal: 3, noise: 0.4)
        let target = try #require(data.reviews.first)
        data.proposals = data.proposals.map { $0.id == target.proposal ? Self.proposal($0.id, applicant: "Highland Science Festival") : $0 }
        // The conflicts file spells both names differently: they are compared as wordings are.
        let conflict = Conflict(reviewer: "  REVIEWER-\(target.reviewer.dropFirst("reviewer-".count))", applicant: "highland  science festival.")
        let withConflict = ReviewCalibration.calibrate(proposals: data.proposals, reviews: data.reviews, conflicts: [conflict])
        let removed = data.reviews.filter { !($0.proposal == target.proposal && $0.reviewer == target.reviewer) }
        let without = ReviewCalibration.calibrate(proposals: data.proposals, reviews: removed)

        #expect(removed.count == data.reviews.count - 2)
        #expect(withConflict.dropped.count == 2)
        #expect(withConflict.dropped.allSatisfy { $0.review.reviewer == target.reviewer && $0.reason.contains("conflicted") })
        #expect(withConflict.proposals == without.proposals)
        #expect(withConflict.reviewers == without.reviewers)
        #expect(withConflict.method == without.method)
        let panel = try #require(withConflict.panel(for: target.proposal))
        #expect(!panel.reviews.contains { $0.reviewer == target.reviewer })
    }

    @Test func thinDataFallsBackToZScores() throws {
        let ps = ["A", "B", "C", "D"].map { Self.proposal($0) }
        let reviews = [
            Review(proposal: "A", reviewer: "kim", criterion: "c", score: 2), Review(proposal: "B", reviewer: "kim", criterion: "c", score: 3),
            Review(proposal: "C", reviewer: "kim", criterion: "c", score: 4),
            Review(proposal: "A", reviewer: "lee", criterion: "c", score: 4), Review(proposal: "D", reviewer: "lee", criterion: "c", score: 5),
            Review(proposal: "C", reviewer: "max", criterion: "c", score: 3),
        ]
        let result = ReviewCalibration.calibrate(proposals: ps, reviews: reviews)
        #expect(result.method == .zScore)
        #expect(result.methodReason.contains("lee") && result.methodReason.contains("max"))
        #expect(result.proposals.allSatisfy { $0.method == .zScore })
        // Pooled sd: kim (2,3,4) has squares 2 over 2 df, lee (4,5) 0.5 over 1 df -> sqrt(2.5/3); grand mean 21/6.
        let pooled = (2.5 / 3.0).squareRoot(), grand = 3.5
        let a = try #require(result.panel(for: "A"))
        let kimA = grand + (2 - 3) / 1 * pooled, leeA = grand + (4 - 4.5) / (0.5).squareRoot() * pooled
        #expect(abs(try #require(a.calibratedScore) - (kimA + leeA) / 2) < 1e-12)
        #expect(a.rawScore == 3)
        // max has a single review: nothing to centre it on, so the raw score stands.
        let maxReview = try #require(result.panel(for: "C")?.reviews.first { $0.reviewer == "max" })
        #expect(maxReview.adjustedScore == 3)
        #expect(result.reviewers.first { $0.reviewer == "lee" }?.offset == 4.5 - grand)
    }

    @Test func aDisconnectedPanelFallsBackToZScores() {
        // Two reviewer pairs that never score the same proposal: their offsets cannot be compared.
        var reviews: [Review] = []
        for (pair, ids) in [(["a", "b"], ["P1", "P2", "P3"]), (["c", "d"], ["P4", "P5", "P6"])] {
            for r in pair { for id in ids { reviews.append(Review(proposal: id, reviewer: r, criterion: "c", score: r == "a" || r == "c" ? 2 : 4)) } }
        }
        let result = ReviewCalibration.calibrate(proposals: (1...6).map { Self.proposal("P\($0)") }, reviews: reviews)
        #expect(result.method == .zScore)
        #expect(result.methodReason.contains("share no proposal"))
    }

    @Test func theResultIsTheSameWhateverTheInputOrder() {
        let data = Self.generated(seed: 11, proposals: 20, offsets: [-0.4, 0, 0.1, 0.3], perProposal: 2, noise: 0.5)
        let conflicts = [Conflict(reviewer: "reviewer-1", applicant: "Applicant P105"), Conflict(reviewer: "reviewer-2", applicant: "Applicant P107")]
        let first = ReviewCalibration.calibrate(proposals: data.proposals, reviews: data.reviews, conflicts: conflicts)
        var rng = SeededRandom(seed: 99)
        for _ in 0..<5 {
            let again = ReviewCalibration.calibrate(proposals: data.proposals.shuffled(using: &rng), reviews: data.reviews.shuffled(using: &rng),
                                                    conflicts: conflicts.shuffled(using: &rng))
            #expect(again == first)
        }
        #expect(first.proposals.map(\.proposal) == first.proposals.map(\.proposal).sorted())
    }

    @Test func anOverallScoreIsTheCriterionMeanUnlessCriteriaAreWeighted() throws {
        let reviews = [Review(proposal: "A", reviewer: "kim", criterion: "Impact", score: 2),
                       Review(proposal: "A", reviewer: "kim", criterion: "Cost", score: 4),
                       Review(proposal: "A", reviewer: "kim", criterion: "Style", score: 5)]
        let plain = ReviewCalibration.calibrate(proposals: [Self.proposal("A")], reviews: reviews)
        #expect(plain.panel(for: "A")?.rawScore == 11.0 / 3)
        let weighted = ReviewCalibration.calibrate(proposals: [Self.proposal("A")], reviews: reviews,
                                                   settings: ReviewCalibrationSettings(criterionWeights: ["impact": 3, "cost": 1]))
        #expect(weighted.panel(for: "A")?.rawScore == 2.5)
        #expect(weighted.unweightedCriteria == ["style"])
    }

    @Test func proposalsWithTooFewReviewersAreFlagged() {
        let reviews = [Review(proposal: "A", reviewer: "kim", criterion: "c", score: 3), Review(proposal: "A", reviewer: "lee", criterion: "c", score: 4),
                       Review(proposal: "B", reviewer: "kim", criterion: "c", score: 3), Review(proposal: "B", reviewer: "kim", criterion: "d", score: 2)]
        let result = ReviewCalibration.calibrate(proposals: ["A", "B", "C"].map { Self.proposal($0) }, reviews: reviews,
                                                 settings: ReviewCalibrationSettings(minimumReviews: 2))
        #expect(result.underReviewed == ["B", "C"])
        #expect(result.panel(for: "B")?.reviewCount == 1)
        #expect(result.panel(for: "C")?.method == CalibrationMethod.none)
    }

    @Test func reviewsOfUnknownProposalsAreDroppedAndReported() {
        let result = ReviewCalibration.calibrate(proposals: [Self.proposal("A")],
                                                 reviews: [Review(proposal: "Z", reviewer: "kim", criterion: "c", score: 3)])
        #expect(result.method == CalibrationMethod.none)
        #expect(result.dropped.map(\.review.proposal) == ["Z"])
        #expect(result.dropped.first?.reason.contains("no proposal 'Z'") == true)
    }

    @Test func theQualityFactorIsNeutralWithoutReviewsAndLinearOnTheScale() {
        let none = ReviewCalibration.calibrate(proposals: [Self.proposal("A")], reviews: [])
        #expect(none.qualityFactor(for: "A") == 1)
        #expect(none.qualityFactor(for: "missing") == 1)
        #expect(ReviewCalibration.qualityFactor(score: 1, scale: 1...5) == 0.5)
        #expect(ReviewCalibration.qualityFactor(score: 3, scale: 1...5) == 1)
        #expect(ReviewCalibration.qualityFactor(score: 5, scale: 1...5) == 1.5)
        #expect(ReviewCalibration.qualityFactor(score: 8, scale: 0...10) == 1.3)
        #expect(ReviewCalibration.qualityFactor(score: 9, scale: 1...5) == 1.5)
        let one = ReviewCalibration.calibrate(proposals: [Self.proposal("A")], reviews: [Review(proposal: "A", reviewer: "k", criterion: "c", score: 4)])
        #expect(one.qualityFactor(for: "a") == 1.25)
    }
}
