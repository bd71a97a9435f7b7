import AllotCore

/// What one data row of a survey export holds.
public enum DecodedRow: Equatable {
    case response(SurveyResponse)
    /// No consent: only the survey and id are kept.
    case refusal(survey: String, responseID: String)
    /// An empty line.
    case blank
}

/// Turns the rows of one survey export into responses, through a mapping; one instance per file.
public struct SurveyDecoder {
    public let mapping: SurveyMapping
    public let fileName: String
    /// Header names as given, for messages.
    public let headers: [String]
    private let lookup: PostcodeLookup?
    private var column: [Int?]                      // by SurveyField index in allCases
    private var optionColumns: [(column: Int, field: SurveyField, code: Int)] = []
    private var matchers: [AnswerMatcher?] = Array(repeating: nil, count: SurveyField.allCases.count)
    private var councilMatcher: AnswerMatcher
    private var consentMatcher: AnswerMatcher
    private var selected: Set<String>
    private var unselected: Set<String>
    private var lastSurveyBytes: [UInt8] = []
    private var lastSurvey = ""

    private static let fields = SurveyField.allCases

    /// Reads the header row; throws when a required column is missing.
    public init(mapping: SurveyMapping, header: CSVRecord, fileName: String, lookup: PostcodeLookup? = nil) throws {
        self.mapping = mapping
        self.fileName = fileName
        self.lookup = lookup
        let headers = (0..<header.count).map { header.string($0) }
        self.headers = headers
        let keys = headers.map(WordingKey.normalise)
        var column: [Int?] = Array(repeating: nil, count: Self.fields.count)
        var claimed = Set<Int>()
        for (f, field) in Self.fields.enumerated() {
            let names = Set((mapping.columns[field] ?? []).map(WordingKey.normalise))
            if let i = keys.indices.first(where: { !claimed.contains($0) && names.contains(keys[$0]) }) {
                column[f] = i
                claimed.insert(i)
            }
        }
        self.column = column
        councilMatcher = AnswerMatcher.councils(mapping: mapping)
        consentMatcher = AnswerMatcher.consent(mapping: mapping)
        for field in Self.fields { if let book = field.codebook { matchers[field.ordinal] = AnswerMatcher(codebook: book, mapping: mapping) } }
        selected = Set(mapping.selectedValues.map(WordingKey.normalise))
        unselected = Set(mapping.unselectedValues.map(WordingKey.normalise))
        for (i, key) in keys.enumerated() where !claimed.contains(i) {
            if let hit = optionColumn(for: key) { optionColumns.append((i, hit.field, hit.code)) }
        }
        let missing = SurveyField.required.filter { column[$0.ordinal] == nil }
        if !missing.isEmpty {
            throw SurveyInputError.missingColumns(file: fileName, missing: missing.map(\.rawValue), mapping: mapping.name, headers: headers)
        }
    }

    /// How many canonical fields and option columns the header row supplies (to pick a mapping).
    public var recognisedColumns: Int { column.compactMap { $0 }.count + optionColumns.count }

    private func optionColumn(for key: String) -> (field: SurveyField, code: Int)? {
        for field in Self.fields {
            guard let spec = mapping.optionColumns[field], let book = field.codebook else { continue }
            for (code, names) in spec.headers where names.map(WordingKey.normalise).contains(key) {
                if let i = book.index(of: code) { return (field, i) }
            }
            for prefix in spec.prefixes.map(WordingKey.normalise) where key.hasPrefix(prefix) {
                let rest = String(key.dropFirst(prefix.count))
                if let i = matchers[field.ordinal]?.match(text: rest) { return (field, i) }
            }
        }
        return nil
    }

    private func col(_ field: SurveyField) -> Int? { column[field.ordinal] }

    private func invalid(_ record: CSVRecord, _ c: Int, _ field: String, _ expected: String) -> SurveyInputError {
        .invalidValue(file: fileName, line: record.line, column: c + 1, columnName: c < headers.count ? headers[c] : field,
                      value: record.string(c), expected: expected)
    }

    /// Trimmed byte bounds of field `i`.
    private func trimmed(_ record: CSVRecord, _ i: Int) -> Range<Int> {
        guard i < record.count else { return 0..<0 }
        var r = record.range(i)
        while r.lowerBound < r.upperBound, record.bytes[r.lowerBound] == 0x20 || record.bytes[r.lowerBound] == 0x09 { r = (r.lowerBound + 1)..<r.upperBound }
        while r.lowerBound < r.upperBound, record.bytes[r.upperBound - 1] == 0x20 || record.bytes[r.upperBound - 1] == 0x09 { r = r.lowerBound..<(r.upperBound - 1) }
        return r
    }

    private func text(_ record: CSVRecord, _ i: Int) -> String {
        String(decoding: record.bytes[trimmed(record, i)], as: UTF8.self)
    }

    /// Decodes one data row.
    public mutating func decode(_ record: CSVRecord) throws -> DecodedRow {
        if record.count == 1 && record.isBlank(0) { return .blank }
        if record.count != headers.count {
            throw SurveyInputError.fieldCount(file: fileName, line: record.line, expected: headers.count, found: record.count)
        }
        if let bad = record.invalidUTF8Field() {
            throw SurveyInputError.invalidValue(file: fileName, line: record.line, column: bad + 1,
                                                columnName: bad < headers.count ? headers[bad] : "",
                                                value: "(bytes that are not UTF-8)",
                                                expected: "UTF-8 text; the file seems to use another encoding (save it as CSV UTF-8)")
        }
        guard let idCol = col(.responseID), let surveyCol = col(.survey), let consentCol = col(.consent), let sectorCol = col(.sector) else {
            return .blank
        }
        let responseID = text(record, idCol)
        if responseID.isEmpty { throw invalid(record, idCol, "response_id", "a response id (required)") }
        let surveyRange = trimmed(record, surveyCol)
        if surveyRange.isEmpty { throw invalid(record, surveyCol, "survey", "a survey id such as practitioner-2022-23 (required)") }
        if !record.bytes[surveyRange].elementsEqual(lastSurveyBytes) {
            lastSurveyBytes = Array(record.bytes[surveyRange])
            lastSurvey = String(decoding: lastSurveyBytes, as: UTF8.self)
        }
        let survey = lastSurvey
        guard let consent = consentMatcher.match(record.bytes[trimmed(record, consentCol)]) else {
            throw invalid(record, consentCol, "consent", consentMatcher.expected)
        }
        if consent == 0 { return .refusal(survey: survey, responseID: responseID) }

        guard let sector = try single(.sector, record) else {
            throw invalid(record, sectorCol, "sector", "a sector (required)")
        }
        var response = SurveyResponse(survey: survey, responseID: responseID, sector: sector, learnerGroup: 0)
        response.role = try single(.role, record)
        if let c = col(.localAuthority) {
            let r = trimmed(record, c)
            if !r.isEmpty {
                guard let council = councilMatcher.match(record.bytes[r]) else { throw invalid(record, c, "local_authority", councilMatcher.expected) }
                response.council = council
            }
        }
        if let c = col(.postcode) { applyPostcode(text(record, c), to: &response) }
        if let c = col(.plHours) { response.hoursMilli = try hours(record, c) }
        response.hoursVsLastYear = try single(.hoursVsLastYear, record)
        response.easeOfAccess = try single(.easeOfAccess, record)
        response.choiceSufficient = try single(.choiceSufficient, record)
        response.confidence = try single(.confidence, record)
        response.plTypes = try multi(.plTypes, record)
        response.providers = try multi(.providers, record)
        response.barriers = try multi(.barriers, record)
        response.priorities = try multi(.priorities, record)
        if !optionColumns.isEmpty { try applyOptionColumns(record, to: &response) }
        response.learnerGroup = LearnerGroup.derive(surveyKind: mapping.surveyKind ?? SurveyID(survey).kind,
                                                    sector: sector, role: response.role)
        return .response(response)
    }

    private mutating func single(_ field: SurveyField, _ record: CSVRecord) throws -> Int? {
        guard let c = col(field) else { return nil }
        let r = trimmed(record, c)
        if r.isEmpty { return nil }
        guard let i = matchers[field.ordinal]?.match(record.bytes[r]) else {
            throw invalid(record, c, field.rawValue, matchers[field.ordinal]?.expected ?? "a known code")
        }
        return i
    }

    private mutating func multi(_ field: SurveyField, _ record: CSVRecord) throws -> CodeSet? {
        guard let c = col(field) else { return nil }
        let r = trimmed(record, c)
        if r.isEmpty { return nil }
        var set = CodeSet()
        var any = false
        var start = r.lowerBound
        let sep = mapping.multiSeparator
        var i = r.lowerBound
        while i <= r.upperBound {
            if i == r.upperBound || record.bytes[i] == sep {
                var a = start, b = i
                while a < b, record.bytes[a] == 0x20 { a += 1 }
                while b > a, record.bytes[b - 1] == 0x20 { b -= 1 }
                if a < b {
                    guard let code = matchers[field.ordinal]?.match(record.bytes[a..<b]) else {
                        let value = String(decoding: record.bytes[a..<b], as: UTF8.self)
                        throw SurveyInputError.invalidValue(file: fileName, line: record.line, column: c + 1,
                                                            columnName: c < headers.count ? headers[c] : field.rawValue, value: value,
                                                            expected: matchers[field.ordinal]?.expected ?? "a known code")
                    }
                    set.insert(code)
                    any = true
                }
                start = i + 1
            }
            i += 1
        }
        return any ? set : nil
    }

    private func hours(_ record: CSVRecord, _ c: Int) throws -> Int64? {
        let r = trimmed(record, c)
        if r.isEmpty { return nil }
        var whole: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDot = false, digits = 0, roundUp = false
        for b in record.bytes[r] {
            if b == UInt8(ascii: ".") && !seenDot { seenDot = true; continue }
            guard b >= 48 && b <= 57 else {
                let expected = b == UInt8(ascii: "-") ? "a number of hours of 0 or more" : "a number of hours such as 12 or 7.5"
                throw invalid(record, c, "pl_hours", expected)
            }
            digits += 1
            let d = Int64(b - 48)
            if seenDot {
                if fracDigits < 3 { frac = frac * 10 + d; fracDigits += 1 } else if fracDigits == 3 { roundUp = d >= 5; fracDigits += 1 }
            } else {
                whole = whole * 10 + d
                if whole > 8760 { throw invalid(record, c, "pl_hours", "at most 8,760 hours (the hours in a year)") }
            }
        }
        guard digits > 0 else { throw invalid(record, c, "pl_hours", "a number of hours such as 12 or 7.5") }
        while fracDigits < 3 { frac *= 10; fracDigits += 1 }
        return whole * 1000 + frac + (roundUp ? 1 : 0)
    }

    private func applyPostcode(_ text: String, to response: inout SurveyResponse) {
        guard !text.isEmpty else { return }
        guard let postcode = Postcode(text) else {
            response.postcodeText = text
            response.flags.insert(.notAPostcode)
            return
        }
        response.postcodeText = postcode.normalised
        response.postcodeIsValid = true
        guard let lookup else { return }
        guard let found = lookup.enrichment(for: postcode) else {
            response.flags.insert(.postcodeNotInLookup)
            return
        }
        response.enrichment = found
        if let council = found.council {
            if response.council == nil {
                response.council = council
                response.flags.insert(.councilFromPostcode)
            } else if response.council != council {
                response.flags.insert(.councilMismatch)
            }
        }
    }

    private mutating func applyOptionColumns(_ record: CSVRecord, to response: inout SurveyResponse) throws {
        var sets: [SurveyField: CodeSet] = [:]
        for (c, field, code) in optionColumns {
            let r = trimmed(record, c)
            if r.isEmpty { continue }
            if sets[field] == nil { sets[field] = CodeSet() }
            let key = WordingKey.normalise(String(decoding: record.bytes[r], as: UTF8.self))
            if unselected.contains(key) { continue }
            if selected.contains(key) || matchers[field.ordinal]?.match(record.bytes[r]) == code {
                sets[field]?.insert(code)
                continue
            }
            let book = field.codebook
            throw invalid(record, c, field.rawValue,
                          "the option's text ('\(book?.label(at: code) ?? "")'), 1, Yes, or a blank cell")
        }
        for (field, set) in sets {
            switch field {
            case .plTypes: response.plTypes = union(response.plTypes, set)
            case .providers: response.providers = union(response.providers, set)
            case .barriers: response.barriers = union(response.barriers, set)
            case .priorities: response.priorities = union(response.priorities, set)
            default: break
            }
        }
    }

    private func union(_ a: CodeSet?, _ b: CodeSet) -> CodeSet { CodeSet(bits: (a?.bits ?? 0) | b.bits) }
}
