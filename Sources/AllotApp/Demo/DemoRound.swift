import AllotCore
import AllotIngest
import Foundation

/// Writes a demo round beside the demo surveys: provider returns, workforce, ~60 proposals,
/// reviews (with known reviewer leniencies), conflicts and a round file like the 2022/23 programme's.
enum DemoRound {
    struct Files {
        let participation: String
        let activity: String
        let workforce: String
        let proposals: String
        let reviews: String
        let conflicts: String
        let round: String
    }

    /// Practitioners nationally per group (rounded census-like figures), spread by council population.
    static let workforceTotals: [String: Double] = [
        "elc": 36000, "primary": 25000, "secondary": 24000, "asn": 2100, "technician": 1300, "classroom-assistant": 9000,
        "college": 6000, "cld": 2500,
    ]

    static let providers = [
        "SSERC", "Glasgow Science Centre", "Dundee Science Centre", "Highland Science Festival", "STEM Ambassadors Scotland",
        "Royal Society of Edinburgh", "Education Scotland Regional Team", "Aberdeen Science Centre", "Edinburgh Science",
        "Institute of Physics Scotland", "Scottish Schools Education Research Centre Partnership", "Borders STEM Hub",
        "Fife College", "University of Strathclyde", "Islands Learning Network", "Forth Valley STEM Partnership",
    ]

    static func write(to folder: String, seed: UInt64, proposalCount: Int = 60) throws -> Files {
        var rng = SeededRandom(seed: seed &+ 99)
        let weights = SyntheticSurvey.councilWeights
        let totalWeight = weights.reduce(0, +)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

        let workforce = try CSVWriter(path: path("workforce.csv"))
        try workforce.write(["sector", "area", "headcount"])
        for (group, total) in workforceTotals.sorted(by: { $0.key < $1.key }) {
            for (c, council) in Geography.councils.enumerated() {
                try workforce.write([group, council.name, String(Int((total * weights[c] / totalWeight).rounded()))])
            }
        }
        try workforce.close()

        // Providers deliver mostly in their home RIC; rural councils get less.
        let participation = try CSVWriter(path: path("provider-participation.csv"))
        let activity = try CSVWriter(path: path("provider-activity.csv"))
        try participation.write(["provider", "year", "sector", "area", "participants", "cumulative_hours"])
        try activity.write(["provider", "year", "sessions", "hours_delivered", "accredited", "theme_sciences", "theme_technologies",
                            "theme_engineering", "theme_maths_numeracy", "theme_digital_skills", "reach_cluster", "reach_single_la",
                            "reach_multiple_la", "reach_ric", "reach_national", "locations"])
        let groups = ["elc", "primary", "secondary", "asn", "technician", "college"]
        for (i, provider) in providers.enumerated() {
            let home = Geography.rics[i % Geography.rics.count]
            var sessions = 0, hoursDelivered = 0.0
            var locations: [String: Int] = [:]
            for group in groups where rng.chance(group == "asn" || group == "technician" ? 0.25 : 0.6) {
                let perSession = Double(3 + Int(rng.next() % 7))
                let hoursOnlyOnAll = rng.chance(0.3)
                var allParticipants = 0, allHours = 0.0
                for (c, council) in Geography.councils.enumerated() where council.ric == home || rng.chance(0.08) {
                    let rural = SyntheticSurvey.rural.contains(council.name)
                    let n = Int(Double(50 + Int(rng.next() % 600)) * (rural ? 0.3 : 1) * (group == "asn" || group == "technician" ? 0.2 : 1))
                    guard n > 0 else { continue }
                    let h = Double(n) * perSession
                    allParticipants += n
                    allHours += h
                    sessions += max(1, n / 15)
                    hoursDelivered += perSession * Double(max(1, n / 15))
                    locations[council.name, default: 0] += max(1, n / 15)
                    try participation.write([provider, "2022-23", group, council.name, String(n), hoursOnlyOnAll ? "" : String(format: "%.1f", h)])
                    _ = c
                }
                if hoursOnlyOnAll && allParticipants > 0 {
                    try participation.write([provider, "2022-23", group, "all", String(allParticipants), String(format: "%.1f", allHours)])
                }
                if rng.chance(0.4) {
                    let n = 20 + Int(rng.next() % 120)
                    try participation.write([provider, "2022-23", group, "online", String(n), String(format: "%.1f", Double(n) * 1.5)])
                    locations["Online", default: 0] += max(1, n / 30)
                }
            }
            let loc = locations.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ";")
            try activity.write([provider, "2022-23", String(sessions), String(format: "%.1f", hoursDelivered), rng.chance(0.3) ? "yes" : "no",
                                String(Int(rng.next() % 20)), String(Int(rng.next() % 10)), String(Int(rng.next() % 6)), String(Int(rng.next() % 12)),
                                String(Int(rng.next() % 8)), String(Int(rng.next() % 10)), String(Int(rng.next() % 10)), String(Int(rng.next() % 5)),
                                String(Int(rng.next() % 3)), String(Int(rng.next() % 2)), loc])
        }
        try participation.close()
        try activity.close()

        // Proposals: applicants are some of the providers and some newcomers.
        let newcomers = ["Orkney STEM Collective", "Ayrshire Makerspace", "Lanarkshire Maths Circle", "Eilean Siar Science Network",
                         "Perthshire Outdoor Learning", "ASN Science Alliance", "Technicians Together", "Early Years Discovery Trust"]
        let applicants = providers + newcomers
        let themes = ["sciences", "technologies", "engineering", "maths_numeracy", "digital_skills"]
        var proposals: [[String: Any]] = []
        for n in 1...max(1, proposalCount) {
            let applicant = applicants[Int(rng.next() % UInt64(applicants.count))]
            let requested = Double(5 + Int(rng.next() % 56)) * 1000
            var sectors: [[String: Any]] = []
            for group in ["elc", "primary", "secondary", "asn", "technician", "cld"] where rng.chance(group == "primary" || group == "secondary" ? 0.45 : 0.22) {
                sectors.append(["sector": group, "participants": 15 + Int(rng.next() % 150)])
            }
            if sectors.isEmpty { sectors.append(["sector": "primary", "participants": 40 + Int(rng.next() % 100)]) }
            var areas: [String] = []
            switch rng.next() % 4 {
            case 0: areas = ["national"]
            case 1: areas = ["ric:\(Geography.rics[Int(rng.next() % UInt64(Geography.rics.count))])"]
            default:
                for _ in 0..<(1 + Int(rng.next() % 3)) { areas.append(Geography.councils[rng.pick(weights: weights)].name) }
            }
            let priorities = (0..<Taxonomy.priorities.count).filter { _ in rng.chance(0.12) }.map { Taxonomy.priorities.code(at: $0) }
            let barriers = (0..<Taxonomy.barriers.count - 1).filter { _ in rng.chance(0.2) }.map { Taxonomy.barriers.code(at: $0) }
            var p: [String: Any] = [
                "id": String(format: proposalCount > 999 ? "R5-%05d" : "R5-%03d", n), "applicant": applicant,
                "title": "STEM professional learning project \(n)", "requested": requested,
                "sectors": sectors, "areas": Array(Set(areas)).sorted(), "online": rng.chance(0.25),
                "hours_per_participant": Double(3 + Int(rng.next() % 18)), "priorities": priorities,
                "themes": [themes[Int(rng.next() % UInt64(themes.count))]], "barriers_addressed": barriers, "accredited": rng.chance(0.3),
            ]
            if rng.chance(0.5) { p["minimum"] = (requested * (0.6 + 0.3 * rng.unit()) / 500).rounded() * 500 }
            proposals.append(p)
        }
        let data = try JSONSerialization.data(withJSONObject: proposals, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path("proposals.json")))

        // Eight reviewers with known leniency; three reviewers a proposal, none conflicted.
        let reviewers = (1...8).map { "reviewer-\($0)" }
        let leniency = [-0.8, -0.4, 0, 0, 0.2, 0.4, 0.6, 1.0]
        let conflicts = [("reviewer-3", "Highland Science Festival"), ("reviewer-6", "SSERC")]
        let conflictWriter = try CSVWriter(path: path("conflicts.csv"))
        try conflictWriter.write(["reviewer", "applicant"])
        for c in conflicts { try conflictWriter.write([c.0, c.1]) }
        try conflictWriter.close()
        let reviews = try CSVWriter(path: path("reviews.csv"))
        try reviews.write(["proposal", "reviewer", "criterion", "score", "comment"])
        for p in proposals {
            guard let id = p["id"] as? String, let applicant = p["applicant"] as? String else { continue }
            let quality = 2 + 2.5 * rng.unit()
            var chosen: [Int] = []
            var start = Int(rng.next() % 8)
            while chosen.count < 3 {
                let r = start % 8
                start += 1
                if conflicts.contains(where: { $0.0 == reviewers[r] && $0.1 == applicant }) { continue }
                chosen.append(r)
            }
            for r in chosen {
                for criterion in ["quality", "feasibility"] {
                    let s = min(5, max(1, (quality + leniency[r] + (rng.unit() - 0.5)).rounded()))
                    try reviews.write([id, reviewers[r], criterion, String(Int(s)), ""])
                }
            }
        }
        try reviews.close()
        let round = """
            # Generated by `allot demo`: a round like the 2022/23 programme's.
            round: demo-2023-r1
            budget: 325000
            surveys: [practitioner-2022-23, technician-2022-23]
            supply_year: 2022-23
            score_scale: [1, 5]
            minimum_reviews: 2
            constraints: defaults

            """
        try round.write(toFile: path("round.yaml"), atomically: true, encoding: .utf8)
        return Files(participation: path("provider-participation.csv"), activity: path("provider-activity.csv"),
                     workforce: path("workforce.csv"), proposals: path("proposals.json"), reviews: path("reviews.csv"),
                     conflicts: path("conflicts.csv"), round: path("round.yaml"))
    }
}
