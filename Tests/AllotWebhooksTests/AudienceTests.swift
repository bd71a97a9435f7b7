import AllotStore
import AllotWebhooks
import Foundation
import Testing

@Suite struct AudienceTests {
    func assignment(_ reviewer: String, _ applicant: String) -> ReviewAssigned {
        ReviewAssigned(reviewer: reviewer, roundID: "2026-spring", applicantID: applicant,
                       applicantName: "Applicant \(applicant)", dueBy: Date(timeIntervalSince1970: 1_800_600_000))
    }

    @Test func aReviewerEndpointGetsOnlyItsOwnUnconflictedNotifications() async throws {
        let harness = try Harness()
        let alice = try await Receiver.start()
        let bob = try await Receiver.start()
        try harness.addEndpoint("alice", url: alice.url, reviewer: "alice")
        try harness.addEndpoint("bob", url: bob.url, reviewer: "bob")
        let forAlice = try harness.enqueue(assignment("alice", "A-1"))
        let conflicted = try harness.enqueue(assignment("alice", "A-2"))
        let forBob = try harness.enqueue(assignment("bob", "A-2"))
        try harness.enqueue(Harness.roundFailed)
        // Declared after the event was queued: the check happens at dispatch. Reviewer-wide, by the applicant's
        // name in another spelling (matched by `ApplicantKey`), never by the proposal id.
        try await harness.database.writer.write { db in
            try ReviewerConflicts.declare(reviewerID: "Alice", applicantID: "APPLICANT  a-2.", in: db)
            try ReviewerConflicts.declare(reviewerID: "alice", applicantID: "A-1", in: db)
        }

        let report = try await harness.dispatcher().runOnce()
        #expect(report.delivered == 2)
        #expect(report.suppressed == 1)
        #expect(alice.received.map(\.id) == [forAlice])
        #expect(bob.received.map(\.id) == [forBob])
        let withheld = try #require(try harness.messages(MessageFilter(eventID: conflicted)).first)
        #expect(withheld.state == .suppressed)
        #expect(withheld.lastError?.contains("conflicted with applicant APPLICANT  a-2.") == true)
        await alice.stop()
        await bob.stop()
        await harness.shutdown()
    }

    @Test func chatEndpointsReceiveThePlainTextRendering() async throws {
        let harness = try Harness()
        let chat = try await Receiver.start()
        try harness.addEndpoint("alice-chat", url: chat.url, reviewer: "alice", format: .chat)
        try harness.enqueue(assignment("alice", "A-7"))

        #expect(try await harness.dispatcher().runOnce().delivered == 1)
        let request = try #require(chat.received.first)
        let body = try JSONSerialization.jsonObject(with: request.body) as? [String: String]
        #expect(body?.keys.sorted() == ["text"])
        #expect(body?["text"]?.contains("Applicant A-7 (A-7) in round 2026-spring") == true)
        #expect(request.contentType == "application/json")
        try WebhookVerifier.verify(
            id: request.id, timestamp: request.timestamp, body: request.body, signatureHeader: request.signature,
            secret: WebhookSecret(Harness.secret), now: harness.clock.now)
        await chat.stop()
        await harness.shutdown()
    }

    @Test func endpointsReceiveOnlyTheTypesTheySubscribeTo() async throws {
        let harness = try Harness()
        try harness.addEndpoint("surveys", url: "http://127.0.0.1:9/hook", events: ["survey.closed"])
        try harness.enqueue(Harness.roundFailed)
        let closed = try harness.enqueue(SurveyClosed(surveyID: "practitioner-2026", closedAt: harness.clock.now, responses: 812))
        #expect(try harness.messages().map(\.eventID) == [closed])
        await harness.shutdown()
    }
}
