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

    /// The response's column values as GRDB values, in `names` order (for tests and small writes).
    static func encode(_ r: SurveyResponse) -> [(any DatabaseValueConvertible)?] {
        var values = DatabaseValueList()
        write(r, to: &values)
        return values.values
    }

    /// Hands the response's column values to `sink` in `names` order. Generic over the sink, so an import binds each
    /// value straight into its statement without boxing 25 values a row (see `RawInsert`).
    static func write<Sink: ResponseColumnSink>(_ r: SurveyResponse, to sink: inout Sink) {
        func code(_ book: Codebook, _ i: Int?) -> String? { i.map { book.code(at: $0) } }
        func bits(_ s: CodeSet?) -> Int64? { s.map { Int64(bitPattern: $0.bits) } }
        func int(_ v: Int?) -> Int64? { v.map { Int64($0) } }
        let e = r.enrichment
        sink.text(r.survey); sink.text(r.responseID); sink.text(Taxonomy.sector.code(at: r.sector)); sink.text(code(Taxonomy.role, r.role))
        sink.text(Taxonomy.learnerGroup.code(at: r.learnerGroup)); sink.text(r.council.map { Geography.councils[$0].gssCode })
        sink.text(r.postcodeText); sink.integer(r.postcodeIsValid ? 1 : 0); sink.text(e?.dataZone); sink.integer(int(e?.simdRank))
        sink.integer(int(e?.simdDecile)); sink.integer(int(e?.simdQuintile)); sink.integer(int(e?.urbanRural6))
        sink.integer(r.hoursMilli); sink.text(code(Taxonomy.hoursVsLastYear, r.hoursVsLastYear))
        sink.integer(bits(r.plTypes)); sink.integer(bits(r.providers)); sink.text(code(Taxonomy.easeOfAccess, r.easeOfAccess))
        sink.text(code(Taxonomy.choiceSufficient, r.choiceSufficient)); sink.integer(bits(r.barriers)); sink.integer(bits(r.priorities))
        sink.text(code(Taxonomy.confidence, r.confidence)); sink.integer(Int64(r.flags.rawValue)); sink.text(hashText(r))
        sink.integer(Int64(ContentHashVersion.current.rawValue))
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

/// Receives a response's column values, in `ResponseColumns.names` order.
protocol ResponseColumnSink {
    mutating func text(_ value: String?)
    mutating func integer(_ value: Int64?)
}

/// Column values collected as GRDB values.
private struct DatabaseValueList: ResponseColumnSink {
    var values: [(any DatabaseValueConvertible)?] = []
    mutating func text(_ value: String?) { values.append(value) }
    mutating func integer(_ value: Int64?) { values.append(value) }
}
