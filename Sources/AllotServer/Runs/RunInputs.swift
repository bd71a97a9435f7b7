import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import Foundation

/// Everything one run reads, with each input's SHA-256 and the config it used (as JSON text).
enum RunInputs {
    private struct ConfigRecord: Encodable {
        let round: RoundSettings
        let weights: [String: Double]
        let constraints: RoundConstraints
        let robustnessSamples: Int
        let robustnessSeed: UInt64
        let scoringYAMLSHA256: String
        let needYAMLSHA256: String
        enum CodingKeys: String, CodingKey {
            case round, weights, constraints
            case robustnessSamples = "robustness_samples", robustnessSeed = "robustness_seed"
            case scoringYAMLSHA256 = "scoring_yaml_sha256", needYAMLSHA256 = "need_yaml_sha256"
        }
    }

    static func load(_ round: RoundRecord, evidence: EvidenceLoader, rounds: some RoundRepository, robustness: RoundRobustnessSettings)
        throws -> (RoundInputs, [String: String], String) {
        let settings = round.settings
        guard !settings.surveys.isEmpty else { throw RunSettings.Failure(stage: "settings", description: "the round names no surveys") }
        let loaded: (gaps: GapModel, scoring: ScoringConfig, defaults: RoundConstraints, activity: [ActivityReturn], hashes: [String: String])
        do { loaded = try evidence.gaps(surveys: settings.surveys, supplyYear: settings.supplyYear) } catch {
            throw RunSettings.Failure(stage: "evidence", description: ErrorMapping.apiError(error).detail)
        }
        let roundConfig = try RunSettings.roundConfig(round, defaults: loaded.defaults)
        var scoring = loaded.scoring
        scoring.weights.merge(roundConfig.weights) { $1 }
        // A withdrawn proposal is in no run, and neither are its reviews nor its outstanding assignments.
        let stored = try rounds.proposals(round: round.id).filter { $0.withdrawnAt == nil }
        guard !stored.isEmpty else { throw RunSettings.Failure(stage: "proposals", description: "the round has no proposals that are not withdrawn") }
        let live = Set(stored.map(\.id))
        let proposals = try ProposalJSON.proposals(stored, round: round.id, mapping: try evidence.mapping())
        let reviewRecords = try rounds.reviews(round: round.id).filter { live.contains($0.proposal) }
        if settings.requireAllReviews {
            let reviewed = Set(reviewRecords.map { "\($0.proposal)\u{1}\($0.reviewer)" })
            let missing = try rounds.assignments(round: round.id).filter { live.contains($0.proposal) && !reviewed.contains("\($0.proposal)\u{1}\($0.reviewer)") }
            if !missing.isEmpty {
                throw RunSettings.Failure(stage: "reviews", description: "\(missing.count) assigned review(s) are outstanding and the round requires all reviews")
            }
        }
        let reviews = reviewRecords.map { Review(proposal: $0.proposal, reviewer: $0.reviewer, criterion: $0.criterion, score: $0.score, comment: $0.comment) }
        let conflicts = try rounds.conflicts(round: round.id).map { Conflict(reviewer: $0.reviewer, applicant: $0.applicant) }
        let inputs = RoundInputs(proposals: proposals, reviews: reviews, conflicts: conflicts, gaps: loaded.gaps, scoring: scoring,
                                 round: roundConfig, robustness: robustness)

        let scoringYAML = try configText("scoring.yaml", evidence)
        let needYAML = try configText("need.yaml", evidence)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let weights = Dictionary(uniqueKeysWithValues: scoring.weights.map { ($0.key.rawValue, $0.value) })
        let configText = String(decoding: try encoder.encode(ConfigRecord(
            round: settings, weights: weights, constraints: roundConfig.constraints, robustnessSamples: robustness.samples,
            robustnessSeed: robustness.seed, scoringYAMLSHA256: Digest.sha256(scoringYAML),
            needYAMLSHA256: Digest.sha256(needYAML))), as: UTF8.self)
        var hashes = loaded.hashes
        hashes["proposals"] = Digest.sha256(ProposalJSON.array(stored))
        hashes["reviews"] = Digest.sha256(reviewRecords.map { "\($0.proposal),\($0.reviewer),\($0.criterion),\($0.score)" }.joined(separator: "\n"))
        hashes["conflicts"] = Digest.sha256(conflicts.map { "\($0.reviewer),\($0.applicant)" }.joined(separator: "\n"))
        hashes["config"] = Digest.sha256(configText)
        return (inputs, hashes, configText)
    }

    /// A config file whose hash the run records: one that cannot be read fails the run (stage `config`), never
    /// recorded as the hash of an empty text.
    static func configText(_ name: String, _ evidence: EvidenceLoader) throws -> String {
        do { return try evidence.configDirectory.text(name) } catch {
            throw RunSettings.Failure(stage: "config", description: "\(evidence.configDirectory.file(name)) cannot be read: \(error)")
        }
    }
}
