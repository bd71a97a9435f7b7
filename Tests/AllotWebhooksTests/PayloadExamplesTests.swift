import AllotWebhooks
import Foundation
import Testing

/// The payload examples in docs/webhooks.md are what Allot sends: each documented envelope and chat text is
/// compared with the encoding of the same values.
@Suite struct PayloadExamplesTests {
    static let at = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z

    static let examples: [(type: WebhookEventType, payload: any WebhookPayload)] = [
        (.roundCompleted, RoundCompleted(
            roundID: "2026-spring", applicantsRanked: 42,
            ranking: [.init(rank: 1, applicantID: "A-017", name: "Fife STEM Network", score: 0.91),
                      .init(rank: 2, applicantID: "A-003", name: "Highland Science Hub", score: 0.87)],
            budget: 25_000, currency: "GBP",
            awards: [.init(applicantID: "A-017", amount: 12_000), .init(applicantID: "A-003", amount: 9_500)])),
        (.roundFailed, RoundFailed(roundID: "2026-spring", stage: "portfolio", reason: "no portfolio fits the budget")),
        (.surveyClosed, SurveyClosed(surveyID: "practitioner-2026-27", closedAt: at, responses: 812)),
        (.reviewAssigned, ReviewAssigned(
            reviewer: "jdoe", roundID: "2026-spring", applicantID: "A-017", applicantName: "Fife STEM Network",
            dueBy: Date(timeIntervalSince1970: 1_796_662_800),  // 2026-12-07T17:00:00Z
            reviewURL: "https://allot.example.gov.uk/reviews/2026-spring/A-017")),
        (.roundDecided, RoundDecided(
            roundID: "2026-spring", runID: "run_01", decidedBy: "panel-chair",
            decisions: [.init(proposalID: "A-017", decision: "fund", amount: 12_000, departed: false, reason: nil),
                        .init(proposalID: "A-021", decision: "fund", amount: 8_000, departed: true, reason: "only island provider")],
            funded: 2, totalAwarded: 20_000)),
        (.reviewReminder, ReviewReminder(
            reviewer: "jdoe", roundID: "2026-spring", proposalIDs: ["A-017", "A-021"], applicants: ["Fife STEM Network", "Orkney STEM"],
            dueBy: Date(timeIntervalSince1970: 1_796_662_800), reason: "the deadline is within 48 hours")),
        (.conflictDeclared, ConflictDeclared(declaredBy: "jdoe", roundID: "2026-spring", proposalID: "A-017", applicantName: "Fife STEM Network")),
        (.deliveryExhausted, DeliveryExhausted(
            messageID: "msg_2f1c0d9e6a4b4c5f9e0a1b2c3d4e5f60", eventType: "round.completed", endpointID: "ops-chat",
            attempts: 8, lastStatus: 500, reason: "gave up after 8 attempts; last: HTTP 500")),
    ]

    static func documentation() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/webhooks.md"), encoding: .utf8)
    }

    /// The section of the documentation headed "### `type`".
    static func section(_ type: WebhookEventType, in text: String) throws -> Substring {
        let heading = try #require(text.range(of: "### `\(type.rawValue)`"))
        let rest = text[heading.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
        let next = rest.range(of: "\n### ")?.lowerBound ?? end
        return rest[..<min(end, next)]
    }

    @Test(arguments: 0..<8) func theDocumentedExampleIsWhatIsSent(index: Int) throws {
        let (type, payload) = Self.examples[index]
        let section = try Self.section(type, in: try Self.documentation())
        let open = try #require(section.range(of: "```json\n"))
        let close = try #require(section[open.upperBound...].range(of: "```"))
        let documented = try JSONSerialization.jsonObject(with: Data(section[open.upperBound..<close.lowerBound].utf8))
        let event = try WebhookEvents.outboxEvent(payload, occurredAt: Self.at)
        let sent = try JSONSerialization.jsonObject(with: event.body)
        #expect((documented as? NSDictionary) == (sent as? NSDictionary), "docs/webhooks.md example of \(type.rawValue)")
        #expect(section.contains("Chat text: `\(payload.plainText)`"), "chat text of \(type.rawValue)")
    }

    @Test func everyEventTypeIsDocumented() throws {
        let text = try Self.documentation()
        for type in WebhookEventType.allCases {
            #expect(text.contains("### `\(type.rawValue)`"))
        }
        #expect(Set(Self.examples.map(\.type)) == Set(WebhookEventType.allCases))
    }
}
