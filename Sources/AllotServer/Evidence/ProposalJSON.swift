import AllotCore
import AllotIngest
import AllotStore
import Foundation

/// Proposals are stored one JSON object each, in the proposal file format, so they are read back by the same
/// `ProposalReader` that checked them on upload.
public enum ProposalJSON {
    private struct Sector: Encodable {
        let sector: String
        let participants: Int
    }

    private struct Record: Encodable {
        let id: String
        let applicant: String
        let title: String
        let requested: Double
        let minimum: Double?
        let sectors: [Sector]
        let areas: [String]
        let online: Bool
        let hours_per_participant: Double
        let priorities: [String]
        let barriers_addressed: [String]
        let themes: [String]
        let accredited: Bool
    }

    /// The stored form of `proposal` in `round`.
    public static func stored(_ p: Proposal, round: String) throws -> StoredProposal {
        let record = Record(
            id: p.id, applicant: p.applicant, title: p.title, requested: p.requested, minimum: p.minimum,
            sectors: p.participants.map { Sector(sector: Taxonomy.learnerGroup.code(at: $0.group), participants: $0.count) },
            areas: p.areas.map(\.text), online: p.online, hours_per_participant: p.hoursPerParticipant,
            priorities: p.priorities.map { Taxonomy.priorities.code(at: $0) },
            barriers_addressed: p.barriersAddressed.map { Taxonomy.barriers.code(at: $0) }, themes: p.themes, accredited: p.accredited)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        return StoredProposal(round: round, id: p.id, applicant: p.applicant, title: p.title, requested: p.requested, json: json)
    }

    /// The JSON array of stored proposals, in order.
    public static func array(_ stored: [StoredProposal]) -> Data {
        Data(("[" + stored.map(\.json).joined(separator: ",\n") + "]").utf8)
    }

    /// The stored proposals read back as domain values.
    public static func proposals(_ stored: [StoredProposal], round: String, mapping: SurveyMapping) throws -> [Proposal] {
        guard !stored.isEmpty else { return [] }
        return try ProposalReader(mapping: mapping).read(bytes: Array(array(stored)), name: "round \(round) proposals")
    }
}
