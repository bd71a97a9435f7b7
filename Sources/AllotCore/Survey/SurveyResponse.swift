/// Data-quality notes on one response; none of them makes the response invalid.
public struct ResponseFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The postcode cell held something other than a postcode (a street or setting name); kept as given.
    public static let notAPostcode = ResponseFlags(rawValue: 1 << 0)
    /// A valid postcode that the loaded lookup does not list.
    public static let postcodeNotInLookup = ResponseFlags(rawValue: 1 << 1)
    /// The lookup puts the postcode in another council than the one stated.
    public static let councilMismatch = ResponseFlags(rawValue: 1 << 2)
    /// The council was blank and was filled from the postcode lookup.
    public static let councilFromPostcode = ResponseFlags(rawValue: 1 << 3)

    /// Names for reports, in bit order.
    public static let names: [(ResponseFlags, String)] = [
        (.notAPostcode, "not_a_postcode"), (.postcodeNotInLookup, "postcode_not_in_lookup"),
        (.councilMismatch, "council_mismatch"), (.councilFromPostcode, "council_from_postcode"),
    ]
}

/// One consented survey response, decoded to codes. Blank answers are nil ("not answered").
public struct SurveyResponse: Sendable, Equatable {
    public var survey: String
    public var responseID: String
    /// Index into `Taxonomy.sector`.
    public var sector: Int
    public var role: Int?
    /// Index into `Geography.councils`.
    public var council: Int?
    /// The postcode cell as given (trimmed), or its normal form when it is a postcode.
    public var postcodeText: String?
    public var postcodeIsValid: Bool
    public var enrichment: PostcodeEnrichment?
    /// Hours of professional learning, in thousandths of an hour (exact sums in any order).
    public var hoursMilli: Int64?
    public var hoursVsLastYear: Int?
    public var plTypes: CodeSet?
    public var providers: CodeSet?
    public var easeOfAccess: Int?
    public var choiceSufficient: Int?
    public var barriers: CodeSet?
    public var priorities: CodeSet?
    public var confidence: Int?
    public var flags: ResponseFlags
    /// Index into `Taxonomy.learnerGroup`.
    public var learnerGroup: Int

    public init(survey: String, responseID: String, sector: Int, role: Int? = nil, council: Int? = nil,
                postcodeText: String? = nil, postcodeIsValid: Bool = false, enrichment: PostcodeEnrichment? = nil,
                hoursMilli: Int64? = nil, hoursVsLastYear: Int? = nil, plTypes: CodeSet? = nil,
                providers: CodeSet? = nil, easeOfAccess: Int? = nil, choiceSufficient: Int? = nil,
                barriers: CodeSet? = nil, priorities: CodeSet? = nil, confidence: Int? = nil,
                flags: ResponseFlags = [], learnerGroup: Int? = nil) {
        self.survey = survey
        self.responseID = responseID
        self.sector = sector
        self.role = role
        self.council = council
        self.postcodeText = postcodeText
        self.postcodeIsValid = postcodeIsValid
        self.enrichment = enrichment
        self.hoursMilli = hoursMilli
        self.hoursVsLastYear = hoursVsLastYear
        self.plTypes = plTypes
        self.providers = providers
        self.easeOfAccess = easeOfAccess
        self.choiceSufficient = choiceSufficient
        self.barriers = barriers
        self.priorities = priorities
        self.confidence = confidence
        self.flags = flags
        self.learnerGroup = learnerGroup
            ?? LearnerGroup.derive(surveyKind: SurveyID(survey).kind, sector: sector, role: role)
    }

    /// Hours as a number, or nil when not answered.
    public var hours: Double? { hoursMilli.map { Double($0) / 1000 } }

    /// A hash of what the respondent answered (not of derived fields), to tell a re-ingest of the
    /// same response from a different response under the same id; the current version's.
    public var contentHash: UInt64 { contentHash(version: .current) }

    /// The hash as `version` computes it. A stored hash is compared with the hash of its own version, so adding a
    /// field (a new version) never makes every stored response look different on re-ingest. Add a case for a change;
    /// never edit a shipped one.
    public func contentHash(version: ContentHashVersion) -> UInt64 {
        switch version {
        case .v1: return contentHashV1
        }
    }

    /// The hash of (survey, response id) that identifies the response, and a hash of everything `contentHash` covers,
    /// both made by `H` in one pass (the content hash starts with the same two strings). With `ProcessHash` this is
    /// what a file read uses to tell a re-sent response from a conflicting one; never stored.
    public func identityAndContentHash<H: ResponseHashing>(_: H.Type) -> (identity: UInt64, content: UInt64) {
        let identity = Self.identityHash(H.self, survey: survey, responseID: responseID)
        var content = identity
        combineAnswers(into: &content)
        return (identity.value, content.value)
    }

    /// The hash of a (survey, response id) pair, as `identityAndContentHash` gives it.
    public static func identityHash<H: ResponseHashing>(_: H.Type, survey: String, responseID: String) -> H {
        var h = H()
        h.combine(survey)
        h.combine(responseID)
        return h
    }

    private var contentHashV1: UInt64 {
        var h = Self.identityHash(StableHash.self, survey: survey, responseID: responseID)
        combineAnswers(into: &h)
        return h.value
    }

    /// Version 1 of the content hash after survey and id: what the respondent answered, in a fixed order.
    private func combineAnswers<H: ResponseHashing>(into h: inout H) {
        func int(_ v: Int?) { h.combine(v.map { UInt64($0) + 1 } ?? 0) }
        func set(_ v: CodeSet?) { h.combine(v.map { $0.bits } ?? UInt64.max) }
        int(sector); int(role); int(flags.contains(.councilFromPostcode) ? nil : council)
        h.combine(postcodeText ?? "\u{0}")
        h.combine(hoursMilli.map { UInt64(bitPattern: $0) } ?? UInt64.max)
        int(hoursVsLastYear); set(plTypes); set(providers); int(easeOfAccess); int(choiceSufficient)
        set(barriers); set(priorities); int(confidence)
    }
}

/// The versions of `SurveyResponse.contentHash`; the store keeps each hash's version beside it.
public enum ContentHashVersion: Int, Sendable, CaseIterable {
    /// survey, id, sector, role, stated council, postcode, hours and every answer.
    case v1 = 1

    /// The version new hashes are made with.
    public static let current = ContentHashVersion.v1
}
