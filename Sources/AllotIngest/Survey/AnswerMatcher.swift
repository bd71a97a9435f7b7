import AllotCore

/// Matches answer texts of one question to code indices: codes, the taxonomy's labels and the
/// mapping's variants, compared as `WordingKey` says; results are cached by raw bytes.
struct AnswerMatcher {
    let question: String
    private let byKey: [String: Int]
    private var cache = BytesLookup()
    /// The most texts cached per question (a question has tens of answers and their variants).
    static let cacheLimit = 4_096
    /// What to say when a value is unknown.
    let expected: String

    init(question: String, byKey: [String: Int], expected: String) {
        self.question = question
        self.byKey = byKey
        self.expected = expected
    }

    /// A matcher for a codebook question.
    init(codebook: Codebook, mapping: SurveyMapping) {
        var keys: [String: Int] = [:]
        for i in 0..<codebook.count {
            keys[WordingKey.normalise(codebook.code(at: i))] = i
            keys[WordingKey.normalise(codebook.label(at: i))] = i
        }
        for (code, variants) in mapping.wordings[codebook.question] ?? [:] {
            guard let i = codebook.index(of: code) else { continue }
            for v in variants { keys[WordingKey.normalise(v)] = i }
        }
        self.init(question: codebook.question, byKey: keys,
                  expected: "one of the \(codebook.question) codes (\(codebook.codes.joined(separator: ", "))) or their wordings")
    }

    /// The council matcher: names, GSS codes, known variants and the mapping's variants.
    static func councils(mapping: SurveyMapping) -> AnswerMatcher {
        var keys = Geography.councilIndexByKey
        for (code, variants) in mapping.wordings["local_authority"] ?? [:] {
            guard let i = Geography.councilIndex(matching: code) else { continue }
            for v in variants { keys[WordingKey.normalise(v)] = i }
        }
        return AnswerMatcher(question: "local_authority", byKey: keys,
                             expected: "a Scottish council area name, GSS code (S12...) or a variant listed in the mapping")
    }

    /// The consent matcher: 1 = yes, 0 = no.
    static func consent(mapping: SurveyMapping) -> AnswerMatcher {
        var keys: [String: Int] = [:]
        for v in ["yes", "y", "true", "1"] { keys[v] = 1 }
        for v in ["no", "n", "false", "0"] { keys[v] = 0 }
        for (code, variants) in mapping.wordings["consent"] ?? [:] {
            for v in variants { keys[WordingKey.normalise(v)] = code == "yes" ? 1 : 0 }
        }
        return AnswerMatcher(question: "consent", byKey: keys, expected: "yes or no (also true/false, 1/0, Y/N)")
    }

    /// The code index for `bytes`, or nil when the text matches nothing.
    mutating func match(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { match($0) }
    }

    /// The code index for `bytes`, or nil when the text matches nothing.
    mutating func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let raw = UnsafeRawBufferPointer(bytes)
        let hash = BytesLookup.hash(raw)
        if let cached = cache.value(for: raw, hash: hash) { return cached < 0 ? nil : Int(cached) }
        let key = WordingKey.normalise(String(decoding: bytes, as: UTF8.self))
        let found = byKey[key]
        // A file of ever-new texts (a column of free text mapped to a question, with rows skipped) must not grow the
        // cache without end; past the limit, a new text is matched the slow way each time.
        if cache.count < Self.cacheLimit { cache.insert(raw, hash: hash, value: Int32(found ?? -1)) }
        return found
    }

    /// The code index for a string (slow path, for headers and tests).
    func match(text: String) -> Int? { byKey[WordingKey.normalise(text)] }
}
