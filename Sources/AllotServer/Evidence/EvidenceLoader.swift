import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import Foundation

/// The supply files in use, parsed, with their digests.
public struct StoredSupply: Sendable {
    public var participation: [ParticipationReturn] = []
    public var activity: [ActivityReturn] = []
    public var workforce: Workforce?
    /// `supply.participation` etc. -> SHA-256 of the upload.
    public var hashes: [String: String] = [:]
}

/// Builds the need model and the gap model from what the store holds, as `allot gaps --survey` does from files.
public struct EvidenceLoader: Sendable {
    /// The stored surveys (existential: the loader is one type whichever store it reads).
    public let surveys: any SurveyRepository
    public let supply: any SupplyRepository
    public let configDirectory: ConfigDirectory

    /// A loader reading `store`.
    public init(store: some StoreRepositories, configDirectory: ConfigDirectory) {
        surveys = store.surveys
        supply = store.supply
        self.configDirectory = configDirectory
    }

    /// The canonical mapping's wordings (sector and council names of supply files and proposals).
    public func mapping() throws -> SurveyMapping {
        try MappingCatalogue.load(from: configDirectory).mapping(named: "canonical")
    }

    /// The mapping catalogue (survey uploads pick their mapping from the headers).
    public func catalogue() throws -> MappingCatalogue { try MappingCatalogue.load(from: configDirectory) }

    /// The postcode lookup of Config/lookups.yaml, or nil when none is configured.
    public func postcodeLookup() throws -> PostcodeLookup? {
        let path = configDirectory.file("lookups.yaml")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try PostcodeLookupLoader.load(configFile: path)
    }

    /// The surveys' stored responses, with a digest of what was read (ids and content hashes).
    public func surveyEvidence(_ surveys: [String]) throws -> (SurveyEvidence, [String: String]) {
        let repository = self.surveys
        let known = Set(try repository.surveys().map(\.id))
        for survey in surveys where !known.contains(survey) { throw ServiceStoreError.notFound(kind: "survey", id: survey) }
        let evidence = try SurveyEvidence.fromStore(repository, surveys: surveys)
        var hashes: [String: String] = [:]
        for survey in surveys {
            var text = ""
            try repository.forEachResponse(survey: survey) { r in text += "\(r.responseID):\(r.contentHash)\n" }
            hashes["survey.\(survey)"] = Digest.sha256(text)
        }
        return (evidence, hashes)
    }

    /// The need model of `surveys`.
    public func needReport(surveys: [String]) throws -> NeedReport {
        NeedModel.build(try surveyEvidence(surveys).0.need, config: try NeedConfigLoader.load(from: configDirectory))
    }

    /// Parses the supply uploads in use.
    public func storedSupply() throws -> StoredSupply {
        var out = StoredSupply()
        let mapping = try mapping()
        if let (upload, bytes) = try supply.latest(.participation) {
            out.participation = try TemporaryFile.with(bytes, name: upload.fileName) { try SupplyReader.participation(path: $0, mapping: mapping) }
            out.hashes["supply.participation"] = upload.sha256
        }
        if let (upload, bytes) = try supply.latest(.activity) {
            out.activity = try TemporaryFile.with(bytes, name: upload.fileName) { try SupplyReader.activity(path: $0) }
            out.hashes["supply.activity"] = upload.sha256
        }
        if let (upload, bytes) = try supply.latest(.workforce) {
            out.workforce = try TemporaryFile.with(bytes, name: upload.fileName) { try SupplyReader.workforce(path: $0, mapping: mapping) }
            out.hashes["supply.workforce"] = upload.sha256
        }
        return out
    }

    /// The gap model, the scoring settings and default constraints, the activity returns, and the input digests.
    public func gaps(surveys: [String], supplyYear: String?) throws
        -> (gaps: GapModel, scoring: ScoringConfig, defaults: RoundConstraints, activity: [ActivityReturn], hashes: [String: String]) {
        let (evidence, surveyHashes) = try surveyEvidence(surveys)
        let need = NeedModel.build(evidence.need, config: try NeedConfigLoader.load(from: configDirectory))
        let (scoring, defaults) = try ScoringConfigLoader.load(from: configDirectory)
        let supply = try storedSupply()
        let reference = try ReferenceWorkforceLoader.load(from: configDirectory, gaps: scoring.gaps, mapping: try mapping())
        let gaps = GapModel(need: need, returns: supply.participation, supplyYear: supplyYear, workforce: supply.workforce,
                            reference: reference?.workforce, config: scoring.gaps, tally: evidence.need)
        var hashes = surveyHashes.merging(supply.hashes) { $1 }
        if let reference { hashes["config.\(reference.file)"] = Digest.sha256(reference.bytes) }
        return (gaps, scoring, defaults, supply.activity, hashes)
    }
}
