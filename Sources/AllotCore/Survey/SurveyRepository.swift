// The surveys' repository protocol and its values live in the domain, not in the store: the round evaluator and the
// evidence code read surveys through it without importing a database module, and each store (SQLite today) implements it.

/// A survey held in the store.
public struct StoredSurvey: Sendable, Equatable, Codable {
    public let id: String
    public let kind: String?
    public let academicYear: String?
    public let responses: Int
    public let refusals: Int

    public init(id: String, kind: String?, academicYear: String?, responses: Int, refusals: Int) {
        self.id = id
        self.kind = kind
        self.academicYear = academicYear
        self.responses = responses
        self.refusals = refusals
    }
}

/// What happened to one row on import.
public enum ImportOutcome: Sendable, Equatable {
    case inserted
    /// Already stored with the same answers: ingesting a file twice counts nothing twice.
    case unchanged
}

/// Where an import comes from, for the audit trail.
public struct ImportSource: Sendable, Equatable {
    public let fileName: String
    public let mapping: String
    public init(fileName: String, mapping: String) { self.fileName = fileName; self.mapping = mapping }
}

/// Counts of one import, recorded with it.
public struct ImportCounts: Sendable, Equatable {
    public var inserted = 0
    public var unchanged = 0
    /// Refusals newly recorded (id only).
    public var refusals = 0
    /// Refusals recorded by an earlier import (a file ingested again): neither stored responses nor new refusals.
    public var refusalsUnchanged = 0
    public var rejected = 0
    /// The mapping actually used, once the header row has been read.
    public var mapping: String?
    public init() {}
}

/// Adds rows inside one import transaction.
public protocol SurveyImportWriter {
    /// Stores a consented response; throws the store's conflicting-response error when its id is taken by other answers.
    func add(_ response: SurveyResponse) throws -> ImportOutcome
    /// Keeps only (survey, response id) of a refusal.
    func addRefusal(survey: String, responseID: String) throws -> ImportOutcome
}

/// Surveys and their responses.
public protocol SurveyRepository: Sendable {
    /// Runs `body` in one transaction: either everything it adds is stored, or nothing (when it throws).
    func importResponses<T>(from source: ImportSource, _ body: (any SurveyImportWriter) throws -> (T, ImportCounts, sha256: String?)) throws -> T
    func surveys() throws -> [StoredSurvey]
    /// Visits the consented responses of `survey`, ordered by response id.
    func forEachResponse(survey: String, _ body: (SurveyResponse) throws -> Void) throws
    func refusalCount(survey: String) throws -> Int
}
