import AllotCore
import Testing

/// Defence in depth at the assignment's entry point: a count that would overflow its sums (2^60 reviews per proposal
/// stopped the daemon) is a typed error, whatever the caller checked.
@Suite("Assignment input guard") struct AssignmentInputGuardTests {
    @Test("Reviews per proposal beyond the documented range are invalidReviewsPerProposal, not an overflow")
    func hugeCountsAreRefused() {
        let proposals = (0..<3).map { AssignmentProposal(id: "P-\($0)", applicant: "A\($0)") }
        let reviewers = (0..<3).map { AssignmentReviewer(id: "r-\($0)") }
        for k in [1 << 60, Int.max, InputLimits.maxReviewsPerProposal + 1, -1] {
            #expect(throws: ReviewerAssignmentError.invalidReviewsPerProposal(k)) {
                try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, reviewsPerProposal: k)
            }
        }
        #expect(throws: (any Error).self) {
            try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, reviewsPerProposal: InputLimits.maxReviewsPerProposal)
        }
        #expect(throws: Never.self) { try ReviewerAssignment.assign(proposals: proposals, reviewers: reviewers, reviewsPerProposal: 2) }
    }
}
