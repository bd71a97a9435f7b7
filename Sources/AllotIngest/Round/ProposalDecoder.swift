import AllotCore

/// Checks one proposal record and codes it; every problem is appended to `errors` with its place.
struct ProposalDecoder {
    let sectorMatcher: AnswerMatcher
    private let priorityMatcher: AnswerMatcher
    private let barrierMatcher: AnswerMatcher
    private let areaMatcher: ProposalAreaMatcher

    init(mapping: SurveyMapping) {
        sectorMatcher = AnswerMatcher(codebook: Taxonomy.learnerGroup, mapping: mapping)
        priorityMatcher = AnswerMatcher(codebook: Taxonomy.priorities, mapping: mapping)
        barrierMatcher = AnswerMatcher(codebook: Taxonomy.barriers, mapping: mapping)
        areaMatcher = ProposalAreaMatcher(mapping: mapping)
    }

    static let poundsExpected = "an amount in pounds above 0 and at most \(Int(InputLimits.maxPounds)), e.g. 24500"
    static let hoursExpected = "hours per participant above 0 and at most \(Int(InputLimits.maxHoursPerParticipant)), e.g. 6"

    /// The proposal, or nil when any field is wrong (then `errors` says which).
    func decode(_ r: RawRecord, errors: inout [RoundInputError]) -> Proposal? {
        let before = errors.count
        let id = requiredText(r, "id", "the proposal's id, e.g. R5-017 (at most \(InputLimits.maxNameLength) characters)", &errors)
        let applicant = requiredText(r, "applicant", "the applicant's name (at most \(InputLimits.maxNameLength) characters)", &errors)
        let requested = amount(r, "requested", required: true, &errors)
        var minimum = amount(r, "minimum", required: false, &errors)
        if let m = minimum, let req = requested, m > req, let f = r["minimum"] {
            errors.append(.invalidValue(place: f.place, value: f.shown,
                                        expected: "a minimum award no more than the amount requested (\(Self.number(req)))"))
            minimum = nil
        }
        let hours = amount(r, "hours_per_participant", required: true, &errors, expected: Self.hoursExpected,
                           maximum: InputLimits.maxHoursPerParticipant)
        let title = boundedText(r, "title", limit: InputLimits.maxTitleLength, &errors)
        let participants = participants(r, &errors)
        let areaList = areaList(r, &errors)
        let priorities = codes(r["priorities"], priorityMatcher, &errors)
        let barriers = codes(r["barriers_addressed"], barrierMatcher, &errors)
        let online = flag(r, "online", &errors)
        let accredited = flag(r, "accredited", &errors)
        var themes: [String] = []
        for item in r["themes"]?.items ?? [] {
            guard let text = item.text, !text.isEmpty else { continue }
            guard text.count <= InputLimits.maxNameLength else {
                errors.append(.invalidValue(place: item.place, value: Self.shortened(text), expected: "a theme of at most \(InputLimits.maxNameLength) characters"))
                continue
            }
            themes.append(text)
        }
        guard errors.count == before, let id, let applicant, let requested, let hours, let participants, let areaList else { return nil }
        return Proposal(id: id, applicant: applicant, title: title, requested: requested, minimum: minimum,
                        participants: participants, areas: areaList, online: online, hoursPerParticipant: hours,
                        priorities: priorities, barriersAddressed: barriers, themes: themes, accredited: accredited)
    }

    private func requiredText(_ r: RawRecord, _ name: String, _ expected: String, _ errors: inout [RoundInputError]) -> String? {
        guard let f = r[name] else { errors.append(.missingField(place: r.placeOfMissing(name), field: name, expected: expected)); return nil }
        guard let text = f.text, !text.isEmpty, text.count <= InputLimits.maxNameLength else {
            errors.append(.invalidValue(place: f.place, value: Self.shortened(f.shown), expected: expected))
            return nil
        }
        return text
    }

    /// An optional text of at most `limit` characters ("" when absent).
    private func boundedText(_ r: RawRecord, _ name: String, limit: Int, _ errors: inout [RoundInputError]) -> String {
        guard let f = r[name], let text = f.text else { return "" }
        guard text.count <= limit else {
            errors.append(.invalidValue(place: f.place, value: Self.shortened(f.shown), expected: "a \(name) of at most \(limit) characters"))
            return ""
        }
        return text
    }

    /// A value as shown in an error message: long ones cut, so an error never echoes megabytes back.
    static func shortened(_ text: String) -> String { text.count <= 80 ? text : String(text.prefix(80)) + "... (\(text.count) characters)" }

    /// A number above 0 (pounds or hours).
    private func amount(_ r: RawRecord, _ name: String, required: Bool, _ errors: inout [RoundInputError],
                        expected: String = poundsExpected, maximum: Double = InputLimits.maxPounds) -> Double? {
        guard let f = r[name] else {
            if required { errors.append(.missingField(place: r.placeOfMissing(name), field: name, expected: expected)) }
            return nil
        }
        guard let n = f.number, n.isFinite, n > 0, n <= maximum else {
            errors.append(.invalidValue(place: f.place, value: Self.shortened(f.shown), expected: expected))
            return nil
        }
        return n
    }

    private func flag(_ r: RawRecord, _ name: String, _ errors: inout [RoundInputError]) -> Bool {
        guard let f = r[name] else { return false }
        guard let b = f.bool else {
            errors.append(.invalidValue(place: f.place, value: f.shown, expected: "true or false (also yes/no, 1/0)"))
            return false
        }
        return b
    }

    private func codes(_ field: RawField?, _ matcher: AnswerMatcher, _ errors: inout [RoundInputError]) -> CodeSet {
        var set = CodeSet()
        for item in field?.items ?? [] {
            if let text = item.text, let i = matcher.match(text: text) { set.insert(i) } else {
                errors.append(.invalidValue(place: item.place, value: item.shown, expected: matcher.expected))
            }
        }
        return set
    }

    private func areaList(_ r: RawRecord, _ errors: inout [RoundInputError]) -> [ProposalArea]? {
        guard let f = r["areas"] else {
            errors.append(.missingField(place: r.placeOfMissing("areas"), field: "areas", expected: ProposalAreaMatcher.expected))
            return nil
        }
        var out: [ProposalArea] = []
        for item in f.items {
            guard let text = item.text, let area = areaMatcher.match(text) else {
                errors.append(.invalidValue(place: item.place, value: item.shown, expected: ProposalAreaMatcher.expected))
                continue
            }
            if !out.contains(area) { out.append(area) }   // naming an area twice must not double its share
        }
        if out.isEmpty, f.items.isEmpty {
            errors.append(.missingField(place: f.place, field: "areas", expected: ProposalAreaMatcher.expected))
            return nil
        }
        return out
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
