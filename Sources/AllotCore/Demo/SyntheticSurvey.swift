import Foundation

/// Generates realistic survey years for the demo and benchmarks: sector mix, hours and answer
/// shares modelled on the 2017/18 and 2022/23 reports, with rural councils and ASN settings given
/// more need, and synthetic postcodes with a matching lookup. Seeded, so the same seed gives the same file.
public struct SyntheticSurvey {
    public static let header = [
        "response_id", "survey", "consent", "sector", "role", "local_authority", "postcode", "pl_hours",
        "hours_vs_last_year", "pl_types", "providers", "ease_of_access", "choice_sufficient", "barriers", "priorities", "confidence",
    ]

    private var rng: SeededRandom
    /// Year-to-year drift applied to hours (e.g. 1.1 = 10% more).
    public var hoursFactor = 1.0

    public init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    /// Population-like weights of the councils (rounded mid-2020s estimates, thousands).
    public static let councilWeights: [Double] = [
        227, 263, 116, 86, 526, 52, 149, 149, 122, 109, 110, 97, 161, 375, 635, 236, 78, 95, 96, 27,
        134, 341, 22, 154, 179, 116, 23, 112, 322, 94, 88, 185,
    ]
    /// Councils whose settings are mostly remote or rural: more travel and location barriers, fewer hours.
    public static let rural: Set<String> = ["Highland", "Argyll and Bute", "Na h-Eileanan Siar", "Orkney Islands", "Shetland Islands",
                                     "Dumfries and Galloway", "Scottish Borders", "Moray", "Aberdeenshire", "Perth and Kinross", "Angus"]
    /// Postcode areas used for each council's synthetic postcodes.
    static let postcodeAreas: [String: [String]] = [
        "Aberdeen City": ["AB10", "AB11", "AB15"], "Aberdeenshire": ["AB30", "AB42", "AB51"], "Angus": ["DD8", "DD11"],
        "Argyll and Bute": ["PA28", "PA34", "PA75"], "City of Edinburgh": ["EH1", "EH6", "EH11", "EH16"], "Clackmannanshire": ["FK10"],
        "Dumfries and Galloway": ["DG1", "DG7", "DG9"], "Dundee City": ["DD1", "DD3"], "East Ayrshire": ["KA1", "KA18"],
        "East Dunbartonshire": ["G61", "G66"], "East Lothian": ["EH32", "EH41"], "East Renfrewshire": ["G46", "G77"],
        "Falkirk": ["FK1", "FK2"], "Fife": ["KY1", "KY12", "KY16"], "Glasgow City": ["G1", "G12", "G21", "G42"],
        "Highland": ["IV1", "IV27", "KW1", "PH33"], "Inverclyde": ["PA15", "PA16"], "Midlothian": ["EH22", "EH26"],
        "Moray": ["IV30", "IV36"], "Na h-Eileanan Siar": ["HS1", "HS8"], "North Ayrshire": ["KA20", "KA27"],
        "North Lanarkshire": ["ML1", "ML6", "G67"], "Orkney Islands": ["KW15", "KW17"], "Perth and Kinross": ["PH1", "PH16"],
        "Renfrewshire": ["PA1", "PA3"], "Scottish Borders": ["TD1", "TD9"], "Shetland Islands": ["ZE1", "ZE2"],
        "South Ayrshire": ["KA7", "KA26"], "South Lanarkshire": ["ML3", "ML11", "G72"], "Stirling": ["FK7", "FK8"],
        "West Dunbartonshire": ["G81", "G82"], "West Lothian": ["EH48", "EH54"],
    ]

    /// A synthetic but well-formed postcode in `council`'s areas.
    public mutating func postcode(council: Int) -> String {
        let areas = Self.postcodeAreas[Geography.councils[council].name] ?? ["EH1"]
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        let district = areas[Int(rng.next() % UInt64(areas.count))]
        let sector = rng.next() % 10
        let a = letters[Int(rng.next() % UInt64(letters.count))], b = letters[Int(rng.next() % UInt64(letters.count))]
        return "\(district) \(sector)\(a)\(b)"
    }

    /// Enrichment for a synthetic postcode, as an official lookup would give it (derived from its hash).
    public static func lookupEntry(postcode: String, council: Int) -> PostcodeEnrichment {
        var h = StableHash()
        h.combine(postcode)
        let rankSeed = h.value
        let ruralCouncil = rural.contains(Geography.councils[council].name)
        // Urban councils skew to deprived ranks and urban classes; rural ones to classes 3-6.
        let rank = Int(rankSeed % 6976) + 1
        let ur = ruralCouncil ? [3, 4, 5, 6, 6, 6][Int((rankSeed >> 20) % 6)] : [1, 1, 2, 2, 3, 5][Int((rankSeed >> 20) % 6)]
        let decile = min(10, (rank - 1) * 10 / 6976 + 1)
        return PostcodeEnrichment(dataZone: String(format: "S01%06d", Int((rankSeed >> 32) % 7000) + 6000), council: council,
                                  simdRank: rank, simdDecile: decile, simdQuintile: (decile + 1) / 2, urbanRural6: ur)
    }

    private static let sectorMix: [(String, Double, Double)] = [   // sector, weight, mean hours
        ("elc", 145, 19.3), ("primary", 382, 13.6), ("secondary", 334, 31.6), ("asn", 15, 9.0),
        ("college", 20, 24), ("cld", 25, 12),
    ]

    /// One practitioner-survey row (canonical columns, with the reports' wordings), or a technician
    /// row when `survey` starts with `technician-`.
    public mutating func row(survey: String, index: Int) -> (fields: [String], council: Int, postcode: String) {
        let technician = survey.hasPrefix("technician-")
        let s = technician ? 5 : rng.pick(weights: Self.sectorMix.map(\.1))
        let sector = technician ? "technician" : Self.sectorMix[s].0
        let sectorCode = Taxonomy.sector.index(of: sector) ?? 0
        let council = rng.pick(weights: Self.councilWeights)
        let isRural = Self.rural.contains(Geography.councils[council].name)
        let needy = isRural || sector == "asn" || technician
        let consent = rng.chance(0.985)
        var role: String
        switch sector {
        case "elc": role = rng.chance(0.7) ? "Early learning and childcare practitioner" : "DHT/Headteacher/Head of centre"
        case "primary", "secondary", "asn":
            role = ["Classroom teacher", "Classroom teacher", "Principal teacher/Faculty head", "DHT/Headteacher/Head of centre", "Probationer"][Int(rng.next() % 5)]
            if rng.chance(0.02) { role = "Classroom assistant" }
        case "technician": role = "Technician"
        default: role = "Other"
        }
        let meanHours = (technician ? 16 : Self.sectorMix[s].2) * (isRural ? 0.7 : 1.05) * hoursFactor
        var hours = ""
        if rng.chance(0.97) {
            if rng.chance(0.11) { hours = "0" } else {
                // Exponential around the mean, to whole or half hours as respondents give them.
                let h = -log(1 - rng.unit()) * meanHours
                hours = String(format: "%.1f", (h * 2).rounded() / 2).replacingOccurrences(of: ".0", with: "")
            }
        }
        func multi(_ book: Codebook, _ probs: [Double], boost: [String: Double] = [:], blank: Double) -> String {
            if rng.chance(blank) { return "" }
            var chosen: [String] = []
            for i in 0..<book.count {
                let p = min(0.95, probs[i] * (boost[book.code(at: i)] ?? 1))
                if rng.chance(p) { chosen.append(book.label(at: i)) }
            }
            return chosen.joined(separator: ";")
        }
        let barrierBoost: [String: Double] = needy ? ["location": 2.2, "funding-travel": 2.0, "no-suitable-pl": 1.8, "staff-cover": 1.2] : [:]
        let barriers = multi(Taxonomy.barriers, [0.54, 0.41, 0.38, 0.2, 0.18, 0.14, 0.13, 0.11, 0.05, 0.18], boost: barrierBoost, blank: 0.07)
        let priorities = multi(Taxonomy.priorities, [0.5, 0.24, 0.2, 0.21, 0.3, 0.34, 0.42, 0.29, 0.33, 0.22, 0.18, 0.17, 0.15, 0.23, 0.14, 0.1,
                                                     technician ? 0.6 : 0.02, technician ? 0.4 : 0.02, technician ? 0.5 : 0.02, technician ? 0.2 : 0.01, 0.07],
                               blank: 0.05)
        let types = multi(Taxonomy.plTypes, [0.54, 0.54, 0.75, 0.38, 0.25, 0.38, 0.49, 0.33, 0.46, 0.33, 0.79, 0.46, 0.16], blank: 0.03)
        let providers = multi(Taxonomy.providers, [0.3, 0.45, 0.2, 0.21, 0.1, 0.08, 0.1, 0.06, 0.12, 0.1, technician ? 0.4 : 0.01, technician ? 0.3 : 0.01, 0.1], blank: 0.1)
        let ease = single(Taxonomy.easeOfAccess, needy ? [0.14, 0.28, 0.36, 0.18, 0.04] : [0.07, 0.19, 0.41, 0.27, 0.06], blank: 0.01)
        let choice = single(Taxonomy.choiceSufficient, needy ? [0.16, 0.32, 0.33, 0.16, 0.03] : [0.09, 0.25, 0.35, 0.26, 0.05], blank: 0.01)
        let confidence = single(Taxonomy.confidence, needy ? [0.15, 0.17, 0.15, 0.4, 0.13] : [0.1, 0.11, 0.14, 0.45, 0.2], blank: 0.01)
        let vsLast = single(Taxonomy.hoursVsLastYear, [0.1, 0.25, 0.4, 0.17, 0.08], blank: 0.05)
        let postcode: String
        if rng.chance(0.04) { postcode = ["Main Street", "St Mary's Primary", "Riverside Nursery"][Int(rng.next() % 3)] } else { postcode = self.postcode(council: council) }
        let councilText = rng.chance(0.03) ? "" : Geography.councils[council].name
        let fields = [
            "\(survey)-\(index)", survey, consent ? "yes" : "no", Taxonomy.sector.label(at: sectorCode), role, councilText, postcode, hours,
            vsLast, types, providers, ease, choice, barriers, priorities, confidence,
        ]
        return (fields, council, postcode)
    }

    private mutating func single(_ book: Codebook, _ probs: [Double], blank: Double) -> String {
        if rng.chance(blank) { return "" }
        return book.label(at: rng.pick(weights: probs))
    }
}
