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
        record.bytes.withUnsafeBufferPointer { trimmed(record, $0, i) }
    }

    /// Trimmed byte bounds of field `i`, reading the record's bytes through `bytes`.
    @inline(__always)
    private func trimmed(_ record: CSVRecord, _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Range<Int> {
        guard i < record.count else { return 0..<0 }
        var lower = record.starts[i], upper = record.ends[i]
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while lower < upper, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    /// Decodes one data row.
    ///
    /// The fields are read where the record holds them, through one buffer pointer: no `String` is built but the
    /// response's own (id, postcode), and each answer text is matched once per file (`AnswerMatcher`).
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
        return try record.bytes.withUnsafeBufferPointer { bytes in
            try decode(record, bytes, idCol: idCol, surveyCol: surveyCol, consentCol: consentCol, sectorCol: sectorCol)
        }
    }

    private mutating func decode(_ record: CSVRecord, _ bytes: UnsafeBufferPointer<UInt8>,
                                 idCol: Int, surveyCol: Int, consentCol: Int, sectorCol: Int) throws -> DecodedRow {
        func field(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[r]) }
        let idRange = trimmed(record, bytes, idCol)
        if idRange.isEmpty { throw invalid(record, idCol, "response_id", "a response id (required)") }
        let responseID = String(decoding: field(idRange), as: UTF8.self)
        let surveyRange = trimmed(record, bytes, surveyCol)
        if surveyRange.isEmpty { throw invalid(record, surveyCol, "survey", "a survey id such as practitioner-2022-23 (required)") }
        if !field(surveyRange).elementsEqual(lastSurveyBytes) {
            lastSurveyBytes = Array(field(surveyRange))
            lastSurvey = String(decoding: lastSurveyBytes, as: UTF8.self)
        }
        let survey = lastSurvey
        guard let consent = consentMatcher.match(field(trimmed(record, bytes, consentCol))) else {
            throw invalid(record, consentCol, "consent", consentMatcher.expected)
        }
        if consent == 0 { return .refusal(survey: survey, responseID: responseID) }

        guard let sector = try single(.sector, record, bytes) else {
            throw invalid(record, sectorCol, "sector", "a sector (required)")
        }
        var response = SurveyResponse(survey: survey, responseID: responseID, sector: sector, learnerGroup: 0)
        response.role = try single(.role, record, bytes)
        if let c = col(.localAuthority) {
            let r = trimmed(record, bytes, c)
            if !r.isEmpty {
                guard let council = councilMatcher.match(field(r)) else { throw invalid(record, c, "local_authority", councilMatcher.expected) }
                response.council = council
            }
        }
        if let c = col(.postcode) { applyPostcode(field(trimmed(record, bytes, c)), to: &response) }
        if let c = col(.plHours) { response.hoursMilli = try hours(record, field(trimmed(record, bytes, c)), c) }
        response.hoursVsLastYear = try single(.hoursVsLastYear, record, bytes)
        response.easeOfAccess = try single(.easeOfAccess, record, bytes)
        response.choiceSufficient = try single(.choiceSufficient, record, bytes)
        response.confidence = try single(.confidence, record, bytes)
        response.plTypes = try multi(.plTypes, record, bytes)
        response.providers = try multi(.providers, record, bytes)
        response.barriers = try multi(.barriers, record, bytes)
        response.priorities = try multi(.priorities, record, bytes)
        if !optionColumns.isEmpty { try applyOptionColumns(record, to: &response) }
        response.learnerGroup = LearnerGroup.derive(surveyKind: mapping.surveyKind ?? SurveyID(survey).kind,
                                                    sector: sector, role: response.role)
        return .response(response)
    }

    private mutating func single(_ field: SurveyField, _ record: CSVRecord, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Int? {
        guard let c = col(field) else { return nil }
        let r = trimmed(record, bytes, c)
        if r.isEmpty { return nil }
        guard let i = matchers[field.ordinal]?.match(UnsafeBufferPointer(rebasing: bytes[r])) else {
            throw invalid(record, c, field.rawValue, matchers[field.ordinal]?.expected ?? "a known code")
        }
        return i
    }

    /// A multi-select cell: answers separated by the mapping's separator, each trimmed of spaces and matched.
    private mutating func multi(_ field: SurveyField, _ record: CSVRecord, _ bytes: UnsafeBufferPointer<UInt8>) throws -> CodeSet? {
        guard let c = col(field) else { return nil }
        let r = trimmed(record, bytes, c)
        if r.isEmpty { return nil }
        var set = CodeSet()
        var any = false
        var start = r.lowerBound
        let sep = mapping.multiSeparator
        while start <= r.upperBound {
            let stop = ByteScan.firstIndex(of: sep, in: bytes, from: start, to: r.upperBound)
            var a = start, b = stop
            while a < b, bytes[a] == 0x20 { a += 1 }
            while b > a, bytes[b - 1] == 0x20 { b -= 1 }
            if a < b {
                guard let code = matchers[field.ordinal]?.match(UnsafeBufferPointer(rebasing: bytes[a..<b])) else {
                    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
                    throw SurveyInputError.invalidValue(file: fileName, line: record.line, column: c + 1,
                                                        columnName: c < headers.count ? headers[c] : field.rawValue, value: value,
                                                        expected: matchers[field.ordinal]?.expected ?? "a known code")
                }
                set.insert(code)
                any = true
            }
            start = stop + 1
        }
        return any ? set : nil
    }

    private func hours(_ record: CSVRecord, _ text: UnsafeBufferPointer<UInt8>, _ c: Int) throws -> Int64? {
        if text.isEmpty { return nil }
        var whole: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDot = false, digits = 0, roundUp = false
        for b in text {
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

    private func applyPostcode(_ text: UnsafeBufferPointer<UInt8>, to response: inout SurveyResponse) {
        guard !text.isEmpty else { return }
        guard let postcode = Postcode(utf8: text) else {
            response.postcodeText = String(decoding: text, as: UTF8.self)
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
