import AllotCore

/// Reads provider returns and the workforce file (`shared/spec/supply-and-proposals.md`).
public enum SupplyReader {
    /// The group (sector code or wording) of a cell, through the mapping's sector wordings.
    private static func group(_ t: TableReader, _ matcher: AnswerMatcher, column: String) throws -> Int {
        let text = try t.required(column, "a sector code such as primary")
        guard let g = matcher.match(text: text) else { throw t.invalid(column, matcher.expected) }
        return g
    }

    private static func area(_ text: String) -> SupplyArea? {
        switch WordingKey.normalise(text) {
        case "online": return .online
        case "independent", "independent sector": return .independent
        case "all": return .all
        default: return Geography.councilIndex(matching: text).map(SupplyArea.council)
        }
    }

    /// `provider-participation.csv`; the same provider, year, sector and area twice is an error (double counting).
    public static func participation(path: String, mapping: SurveyMapping) throws -> [ParticipationReturn] {
        var t = try TableReader(path: path, required: ["provider", "year", "sector", "area", "participants"])
        let sectors = AnswerMatcher(codebook: Taxonomy.learnerGroup, mapping: mapping)
        var out: [ParticipationReturn] = []
        var seen: [String: Int] = [:]
        while try t.next() {
            let provider = try t.name("provider", "the provider's name")
            let year = try t.required("year", "an academic year such as 2022-23")
            let g = try group(t, sectors, column: "sector")
            let areaText = try t.required("area", "a council area, online, independent or all")
            guard let a = area(areaText) else { throw t.invalid("area", "a council area, online, independent or all") }
            let key = "\(ApplicantKey(provider).value)|\(year)|\(g)|\(a.text)"
            if let first = seen[key] {
                throw t.invalid("area", "one row per provider, year, sector and area: this one repeats line \(first) (double counting)")
            }
            seen[key] = t.line
            out.append(ParticipationReturn(provider: provider, year: year, group: g, area: a,
                                           participants: try t.wholeNumber("participants") ?? 0,
                                           cumulativeHours: try t.decimal("cumulative_hours"), source: t.place))
        }
        return out
    }

    /// `provider-activity.csv`.
    public static func activity(path: String) throws -> [ActivityReturn] {
        var t = try TableReader(path: path, required: ["provider", "year"])
        var out: [ActivityReturn] = []
        var seen = Set<String>()
        let themeNames = ["sciences", "technologies", "engineering", "maths_numeracy", "digital_skills"]
        let reachNames = ["cluster", "single_la", "multiple_la", "ric", "national"]
        while try t.next() {
            let provider = try t.name("provider", "the provider's name")
            let year = try t.required("year", "an academic year such as 2022-23")
            guard seen.insert("\(ApplicantKey(provider).value)|\(year)").inserted else {
                throw t.invalid("provider", "one row per provider and year")
            }
            var themes: [String: Int] = [:], reach: [String: Int] = [:]
            for name in themeNames { if let v = try t.wholeNumber("theme_\(name)", required: false) { themes[name] = v } }
            for name in reachNames { if let v = try t.wholeNumber("reach_\(name)", required: false) { reach[name] = v } }
            var locations: [(area: SupplyArea, count: Int)] = []
            for part in t.text("locations").split(separator: ";") {
                let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
                guard pieces.count == 2, let a = area(String(pieces[0]).trimmingCharacters(in: .whitespaces)),
                      let n = Int(pieces[1].trimmingCharacters(in: .whitespaces)), n >= 0, n <= InputLimits.maxSupplyCount else {
                    throw t.invalid("locations", "area:count pairs separated by ';' (e.g. Highland:3;Online:5)")
                }
                locations.append((a, n))
            }
            out.append(ActivityReturn(provider: provider, year: year, sessions: try t.wholeNumber("sessions", required: false) ?? 0,
                                      hoursDelivered: try t.decimal("hours_delivered") ?? 0, accredited: try t.yesNo("accredited"),
                                      themes: themes, reach: reach, locations: locations))
        }
        return out
    }

    /// `workforce.csv`: headcount per sector and council.
    public static func workforce(path: String, mapping: SurveyMapping) throws -> Workforce {
        try workforce(TableReader(path: path, required: ["sector", "area", "headcount"]), mapping: mapping)
    }

    /// A workforce table from bytes already read (`name` is what errors call the file).
    public static func workforce(bytes: [UInt8], name: String, mapping: SurveyMapping) throws -> Workforce {
        try workforce(TableReader(bytes: bytes, name: name, required: ["sector", "area", "headcount"]), mapping: mapping)
    }

    private static func workforce(_ table: TableReader, mapping: SurveyMapping) throws -> Workforce {
        var t = table
        let sectors = AnswerMatcher(codebook: Taxonomy.learnerGroup, mapping: mapping)
        var w = Workforce()
        var seen = Set<String>()
        while try t.next() {
            let g = try group(t, sectors, column: "sector")
            let areaText = try t.required("area", "a council area")
            guard let c = Geography.councilIndex(matching: areaText) else { throw t.invalid("area", "a council area name or GSS code") }
            guard seen.insert("\(g)|\(c)").inserted else { throw t.invalid("area", "one row per sector and council area") }
            w.headcount[g][c] = try t.wholeNumber("headcount") ?? 0
        }
        return w
    }
}
