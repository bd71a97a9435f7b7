import AllotCore
import GRDB

/// How a `SurveyResponse` maps to the `survey_response` table: single answers as codes,
/// multi-select answers as bitsets over `taxonomy_code`.
enum ResponseColumns {
    static let names = [
        "survey", "response_id", "sector", "role", "learner_group", "council", "postcode", "postcode_valid",
        "data_zone", "simd_rank", "simd_decile", "simd_quintile", "urban_rural_6", "pl_hours_milli",
        "hours_vs_last_year", "pl_types", "providers", "ease_of_access", "choice_sufficient", "barriers",
        "priorities", "confidence", "flags", "content_hash", "hash_version",
    ]

    /// The stored form of the response's hash at `version`.
    static func hashText(_ r: SurveyResponse, version: ContentHashVersion = .current) -> String {
        String(r.contentHash(version: version), radix: 16)
    }

    static func encode(_ r: SurveyResponse) -> [(any DatabaseValueConvertible)?] {
        func code(_ book: Codebook, _ i: Int?) -> String? { i.map { book.code(at: $0) } }
        func bits(_ s: CodeSet?) -> Int64? { s.map { Int64(bitPattern: $0.bits) } }
        let e = r.enrichment
        return [
            r.survey, r.responseID, Taxonomy.sector.code(at: r.sector), code(Taxonomy.role, r.role),
            Taxonomy.learnerGroup.code(at: r.learnerGroup), r.council.map { Geography.councils[$0].gssCode },
            r.postcodeText, r.postcodeIsValid, e?.dataZone, e?.simdRank, e?.simdDecile, e?.simdQuintile, e?.urbanRural6,
            r.hoursMilli, code(Taxonomy.hoursVsLastYear, r.hoursVsLastYear), bits(r.plTypes), bits(r.providers),
            code(Taxonomy.easeOfAccess, r.easeOfAccess), code(Taxonomy.choiceSufficient, r.choiceSufficient),
            bits(r.barriers), bits(r.priorities), code(Taxonomy.confidence, r.confidence), r.flags.rawValue, hashText(r),
            ContentHashVersion.current.rawValue,
        ]
    }

    static func decode(_ row: Row) throws -> SurveyResponse {
        func index(_ book: Codebook, _ column: String, required: Bool = false) throws -> Int? {
            guard let code: String = row[column] else {
                if required { throw StoreError.corrupt("\(column) is missing") }
                return nil
            }
            guard let i = book.index(of: code) else { throw StoreError.corrupt("\(column) = \(code)") }
            return i
        }
        func set(_ column: String) -> CodeSet? { (row[column] as Int64?).map { CodeSet(bits: UInt64(bitPattern: $0)) } }
        var council: Int?
        if let gss: String = row["council"] {
            guard let c = Geography.councilIndex(gssCode: gss) else { throw StoreError.corrupt("council = \(gss)") }
            council = c
        }
        var enrichment: PostcodeEnrichment?  // the lookup's council is not kept: the stated one is
        let dz: String? = row["data_zone"], rank: Int? = row["simd_rank"], decile: Int? = row["simd_decile"]
        let quintile: Int? = row["simd_quintile"], ur: Int? = row["urban_rural_6"]
        if dz != nil || rank != nil || decile != nil || quintile != nil || ur != nil {
            enrichment = PostcodeEnrichment(dataZone: dz, council: nil, simdRank: rank, simdDecile: decile, simdQuintile: quintile, urbanRural6: ur)
        }
        let flags = ResponseFlags(rawValue: row["flags"])
        return SurveyResponse(
            survey: row["survey"], responseID: row["response_id"],
            sector: try index(Taxonomy.sector, "sector", required: true) ?? 0,
            role: try index(Taxonomy.role, "role"), council: council,
            postcodeText: row["postcode"], postcodeIsValid: row["postcode_valid"], enrichment: enrichment,
            hoursMilli: row["pl_hours_milli"], hoursVsLastYear: try index(Taxonomy.hoursVsLastYear, "hours_vs_last_year"),
            plTypes: set("pl_types"), providers: set("providers"),
            easeOfAccess: try index(Taxonomy.easeOfAccess, "ease_of_access"),
            choiceSufficient: try index(Taxonomy.choiceSufficient, "choice_sufficient"),
            barriers: set("barriers"), priorities: set("priorities"),
            confidence: try index(Taxonomy.confidence, "confidence"), flags: flags,
            learnerGroup: try index(Taxonomy.learnerGroup, "learner_group", required: true))
    }
}
