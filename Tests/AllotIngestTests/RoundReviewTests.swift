import AllotCore
import AllotIngest
import Testing

@Suite struct RoundReviewTests {
    private let ids = ["R5-017", "R5-018", "R5-019"]

    private func reviewError(_ text: String, scale: ClosedRange<Double> = 1...5) throws -> String {
        let path = try Fixtures.file(text, name: "reviews.csv")
        do throws(RoundInputError) {
            let reviews = try ReviewReader(scale: scale, proposalIDs: ids).read(path: path)
            Issue.record("expected an error, read \(reviews.count) review(s)")
            return ""
        } catch {
            return error.description.replacingOccurrences(of: String(path.dropLast("reviews.csv".count)), with: "")
        }
    }

    @Test func reviewsAreReadWithTheProposalIdsSpelledAsInTheRound() throws {
        let path = try Fixtures.file("proposal,reviewer,criterion,score,comment\nr5-017,Ann,impact,4,\"Strong, local\"\nR5-018 ,Bob,impact,2.5,\n", name: "reviews.csv")
        let reviews = try ReviewReader(proposalIDs: ids).read(path: path)
        #expect(reviews == [Review(proposal: "R5-017", reviewer: "Ann", criterion: "impact", score: 4, comment: "Strong, local"),
                            Review(proposal: "R5-018", reviewer: "Bob", criterion: "impact", score: 2.5)])
    }

    @Test func aScoreOutsideTheRoundsScaleNamesItsCell() throws {
        let e = try reviewError("proposal,reviewer,criterion,score\nR5-017,Ann,impact,4\nR5-017,Bob,impact,6\n")
        #expect(e == "reviews.csv:3:4 (column 'score'): '6' is not valid: expected a score from 1 to 5 (the round's score_scale)", "\(e)")
        let text = try reviewError("proposal,reviewer,criterion,score\nR5-017,Ann,impact,0\n", scale: 1...10)
        #expect(text.contains("expected a score from 1 to 10"), "\(text)")
        let path = try Fixtures.file("proposal,reviewer,criterion,score\nR5-017,Ann,impact,9\n", name: "reviews.csv")
        #expect(try ReviewReader(scale: 0...10, proposalIDs: ids).read(path: path).first?.score == 9)
    }

    @Test func aReviewOfAnUnknownProposalIsAnError() throws {
        let e = try reviewError("proposal,reviewer,criterion,score\nR5-099,Ann,impact,4\n")
        #expect(e == "reviews.csv:2:1 (column 'proposal'): 'R5-099' is not valid: expected the id of one of the round's 3 proposals", "\(e)")
    }

    @Test func aSecondScoreForTheSameCriterionNamesBothPlaces() throws {
        let e = try reviewError("proposal,reviewer,criterion,score\nR5-017,Ann,impact,4\nR5-017,ann ,Impact,3\n")
        #expect(e.hasPrefix("reviews.csv:3:4 (column 'score'): a score by 'ann' of 'R5-017' on 'Impact' appears twice (first at reviews.csv:2:4 (column 'score'))"), "\(e)")
    }

    @Test func missingColumnsAndBlankCellsAreNamed() throws {
        let columns = try reviewError("proposal,reviewer,score\nR5-017,Ann,4\n")
        #expect(columns.hasPrefix("reviews.csv:1:1: missing required column(s) criterion"), "\(columns)")
        let blank = try reviewError("proposal,reviewer,criterion,score\nR5-017,,impact,4\n")
        #expect(blank.hasPrefix("reviews.csv:2:2 (column 'reviewer'): required field 'reviewer' is missing or blank"), "\(blank)")
    }

    @Test func collectingReviewErrorsKeepsTheGoodRows() throws {
        let path = try Fixtures.file("proposal,reviewer,criterion,score\nR5-017,Ann,impact,4\nR5-017,Bob,impact,x\nR5-077,Cy,impact,3\nR5-018,Bob,impact,3\n", name: "reviews.csv")
        let report = ReviewReader(proposalIDs: ids).readCollectingErrors(path: path)
        #expect(report.items.map(\.reviewer) == ["Ann", "Bob"])
        #expect(report.errors.map { $0.location.line } == [3, 4])
    }

    @Test func conflictsAreReadOnceEachAndABlankCellIsNamed() throws {
        let path = try Fixtures.file("reviewer,applicant\nAnn,Highland Science Festival\nann,highland science festival\nBob,Glasgow STEM Hub\n", name: "conflicts.csv")
        #expect(try ConflictReader().read(path: path) == [Conflict(reviewer: "Ann", applicant: "Highland Science Festival"),
                                                         Conflict(reviewer: "Bob", applicant: "Glasgow STEM Hub")])
        let bad = try Fixtures.file("reviewer,applicant\nAnn,\n", name: "conflicts.csv")
        do throws(RoundInputError) {
            _ = try ConflictReader().read(path: bad)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasSuffix("conflicts.csv:2:2 (column 'applicant'): required field 'applicant' is missing or blank; expected the applicant's name as in the proposals"))
        }
    }

    @Test func aConflictedReviewFromFilesNeverCounts() throws {
        let proposals = [
            Proposal(id: "R5-017", applicant: "Highland Science Festival", requested: 1000, participants: [(group: 1, count: 5)], areas: [.national], hoursPerParticipant: 1),
            Proposal(id: "R5-018", applicant: "Glasgow STEM Hub", requested: 1000, participants: [(group: 1, count: 5)], areas: [.national], hoursPerParticipant: 1),
        ]
        let reviewsPath = try Fixtures.file("proposal,reviewer,criterion,score\nR5-017,Ann,impact,5\nR5-017,Bob,impact,2\nR5-018,Ann,impact,3\n", name: "reviews.csv")
        let conflictsPath = try Fixtures.file("reviewer,applicant\nANN,Highland Science Festival.\n", name: "conflicts.csv")
        let reviews = try ReviewReader(proposalIDs: proposals.map(\.id)).read(path: reviewsPath)
        let conflicts = try ConflictReader().read(path: conflictsPath)
        let result = ReviewCalibration.calibrate(proposals: proposals, reviews: reviews, conflicts: conflicts)
        #expect(result.panel(for: "R5-017")?.rawScore == 2)
        #expect(result.dropped.map(\.review) == [reviews[0]])
    }
}
