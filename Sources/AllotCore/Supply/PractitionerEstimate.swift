/// A published count of practitioners per learner group x council (e.g. the teacher census), shipped in
/// `Config/` and used when a round has no workforce file of its own.
public struct ReferenceWorkforce: Sendable, Equatable {
    public let headcount: Workforce
    /// Where the figures come from, in words, for the output's notes.
    public let source: String

    public init(headcount: Workforce, source: String) {
        self.headcount = headcount
        self.source = source
    }
}

/// How many practitioners each learner group x council holds, and how each group's figure was found.
///
/// Survey respondents are a sample, not the workforce: 15 ASN respondents do not mean 15 ASN practitioners.
/// So demand never rests on respondent counts when anything better is known. Per group, in order:
/// 1. the round's workforce file;
/// 2. the reference workforce in `Config/` (published counts);
/// 3. the group's respondents divided by the response rate of the groups counted by 1 or 2 (pooled), spread
///    over councils by the group's respondents shrunk toward the councils' share of the counted workforce, so a
///    council where none of the group answered still gets its share; the interval comes from the lowest and
///    highest response rate among those groups;
/// 4. with nothing counted at all, the respondents themselves, spread as in 3, and the output says demand is understated.
/// A group nobody in the survey belongs to, and that no count lists, has no practitioners: no demand evidence.
public struct PractitionerEstimate: Sendable, Equatable {
    public enum Method: String, Codable, Sendable, Equatable {
        case workforce
        case reference
        case responseRate = "response_rate"
        case respondents
        case noEvidence = "no_evidence"
    }

    /// One group's national figure and how sure it is.
    public struct Group: Codable, Sendable, Equatable {
        public let group: String
        public let method: Method
        public let practitioners: Double
        public let low: Double
        public let high: Double
        /// Survey respondents of the group (all councils and none).
        public let respondents: Int
        /// Respondents per practitioner, where the group's practitioners are counted.
        public let responseRate: Double?

        enum CodingKeys: String, CodingKey {
            case group, method, practitioners, low, high, respondents
            case responseRate = "response_rate"
        }
    }

    /// The pooled response rate of the counted groups and its range, when any group is counted.
    public struct ResponseRate: Codable, Sendable, Equatable {
        public let pooled: Double
        public let lowest: Double
        public let highest: Double
        /// The counted groups the rate comes from.
        public let groups: [String]
    }

    /// Pseudo-responses with which the council prior pulls a group's respondent shares (the same order of
    /// strength as the need model's `few_responses`): 3 respondents in a council move its share only so far.
    public static let sharePriorStrength = 10.0

    /// [group][council]
    public let count: [[Double]]
    public let low: [[Double]]
    public let high: [[Double]]
    /// Per group with any practitioners or respondents, in taxonomy order.
    public let groups: [Group]
    public let responseRate: ResponseRate?

    public func method(group g: Int) -> Method {
        groups.first { $0.group == Taxonomy.learnerGroup.code(at: g) }?.method ?? .noEvidence
    }

    public init(need: NeedReport, workforce: Workforce?, reference: ReferenceWorkforce?) {
        let groupCount = Taxonomy.learnerGroup.count, councils = Geography.councils.count
        let respondents = GapModel.respondents(need)
        var nationalRespondents = Array(repeating: 0, count: groupCount)
        for row in need.rows where row.level == "group" {
            if let g = row.group.flatMap(Taxonomy.learnerGroup.index(of:)) { nationalRespondents[g] = row.responses }
        }
        func total(_ w: Workforce?, _ g: Int) -> Int { w.map { $0.headcount[g].reduce(0, +) } ?? 0 }

        var count = Array(repeating: Array(repeating: 0.0, count: councils), count: groupCount)
        var methods = Array(repeating: Method.noEvidence, count: groupCount)
        for g in 0..<groupCount {
            if total(workforce, g) > 0 {
                methods[g] = .workforce
                count[g] = workforce!.headcount[g].map(Double.init)
            } else if total(reference?.headcount, g) > 0 {
                methods[g] = .reference
                count[g] = reference!.headcount.headcount[g].map(Double.init)
            }
        }
        let counted = (0..<groupCount).filter { methods[$0] == .workforce || methods[$0] == .reference }
        let rated = counted.filter { nationalRespondents[$0] > 0 }
        var rate: ResponseRate?
        if !rated.isEmpty {
            let rates = rated.map { Double(nationalRespondents[$0]) / count[$0].reduce(0, +) }
            let pooled = Double(rated.reduce(0) { $0 + nationalRespondents[$1] }) / rated.reduce(0.0) { $0 + count[$1].reduce(0, +) }
            rate = ResponseRate(pooled: pooled, lowest: rates.min()!, highest: rates.max()!,
                                groups: rated.map { Taxonomy.learnerGroup.code(at: $0) })
        }
        // The council prior: its share of the counted workforce, else of all respondents, else equal shares.
        var prior = (0..<councils).map { c in counted.reduce(0.0) { $0 + count[$1][c] } }
        if prior.reduce(0, +) <= 0 { prior = (0..<councils).map { c in Double((0..<groupCount).reduce(0) { $0 + respondents[$1][c] }) } }
        if prior.reduce(0, +) <= 0 { prior = Array(repeating: 1, count: councils) }
        let priorTotal = prior.reduce(0, +)
        prior = prior.map { $0 / priorTotal }

        var low = count, high = count
        var groups: [Group] = []
        for g in 0..<groupCount {
            let n = nationalRespondents[g]
            if methods[g] == .noEvidence && n > 0 {
                let located = respondents[g].reduce(0, +)
                let shares = (0..<councils).map { c in (respondents[g][c] + Self.sharePriorStrength * prior[c]) / (located + Self.sharePriorStrength) }
                if let rate {
                    methods[g] = .responseRate
                    let national = Double(n) / rate.pooled
                    count[g] = shares.map { $0 * national }
                    low[g] = shares.map { $0 * Double(n) / rate.highest }
                    high[g] = shares.map { $0 * Double(n) / rate.lowest }
                } else {
                    // Nothing counted: the respondents themselves (understated, and said so), spread by the same
                    // shrunk shares, so a council where none of the group answered still has its demand.
                    methods[g] = .respondents
                    count[g] = shares.map { $0 * Double(n) }
                    low[g] = count[g]
                    high[g] = count[g]
                }
            }
            let national = count[g].reduce(0, +)
            guard national > 0 || n > 0 else { continue }
            let counts = methods[g] == .workforce || methods[g] == .reference
            groups.append(Group(group: Taxonomy.learnerGroup.code(at: g), method: methods[g],
                                practitioners: Rounding.round(national, places: 1), low: Rounding.round(low[g].reduce(0, +), places: 1),
                                high: Rounding.round(high[g].reduce(0, +), places: 1), respondents: n,
                                responseRate: counts && national > 0 ? Rounding.round(Double(n) / national, places: 4) : nil))
        }
        self.count = count
        self.low = low
        self.high = high
        self.groups = groups
        self.responseRate = rate.map {
            ResponseRate(pooled: Rounding.round($0.pooled, places: 4), lowest: Rounding.round($0.lowest, places: 4),
                         highest: Rounding.round($0.highest, places: 4), groups: $0.groups)
        }
    }

    /// One line per way of counting, for the output's notes.
    public func notes(referenceSource: String?) -> [String] {
        var out: [String] = []
        func names(_ m: Method) -> [String] { groups.filter { $0.method == m }.map(\.group) }
        if !names(.workforce).isEmpty { out.append("practitioners from the workforce file: \(names(.workforce).joined(separator: ", "))") }
        if !names(.reference).isEmpty {
            out.append("practitioners from the reference workforce (\(referenceSource ?? "Config")): \(names(.reference).joined(separator: ", "))")
        }
        if let rate = responseRate, !names(.responseRate).isEmpty {
            out.append("practitioners estimated from respondents at the response rate of \(rate.groups.joined(separator: ", ")) "
                       + "(\(percent(rate.pooled)), range \(percent(rate.lowest))-\(percent(rate.highest))), the range giving each cell's low and high: "
                       + names(.responseRate).joined(separator: ", "))
        }
        if !names(.respondents).isEmpty {
            out.append("no workforce counts at all: practitioners are survey respondents (a sample), so demand is understated: "
                       + names(.respondents).joined(separator: ", "))
        }
        return out
    }

    private func percent(_ v: Double) -> String {
        let p = v * 100
        return p < 1 ? String(format: "%.2f%%", p) : String(format: "%.1f%%", p)
    }
}
