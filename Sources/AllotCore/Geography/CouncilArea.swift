/// One of Scotland's 32 council areas, with its GSS code and Regional Improvement Collaborative.
public struct CouncilArea: Sendable, Hashable {
    public let name: String
    public let gssCode: String
    public let ric: String
}

/// The council areas and RICs of `shared/spec/survey-csv.md`; indices are stable (alphabetical by name).
public enum Geography {
    public static let councils: [CouncilArea] = [
        .init(name: "Aberdeen City", gssCode: "S12000033", ric: "northern-alliance"),
        .init(name: "Aberdeenshire", gssCode: "S12000034", ric: "northern-alliance"),
        .init(name: "Angus", gssCode: "S12000041", ric: "tayside"),
        .init(name: "Argyll and Bute", gssCode: "S12000035", ric: "northern-alliance"),
        .init(name: "City of Edinburgh", gssCode: "S12000036", ric: "south-east"),
        .init(name: "Clackmannanshire", gssCode: "S12000005", ric: "forth-valley-west-lothian"),
        .init(name: "Dumfries and Galloway", gssCode: "S12000006", ric: "south-west"),
        .init(name: "Dundee City", gssCode: "S12000042", ric: "tayside"),
        .init(name: "East Ayrshire", gssCode: "S12000008", ric: "south-west"),
        .init(name: "East Dunbartonshire", gssCode: "S12000045", ric: "west"),
        .init(name: "East Lothian", gssCode: "S12000010", ric: "south-east"),
        .init(name: "East Renfrewshire", gssCode: "S12000011", ric: "west"),
        .init(name: "Falkirk", gssCode: "S12000014", ric: "forth-valley-west-lothian"),
        .init(name: "Fife", gssCode: "S12000047", ric: "south-east"),
        .init(name: "Glasgow City", gssCode: "S12000049", ric: "west"),
        .init(name: "Highland", gssCode: "S12000017", ric: "northern-alliance"),
        .init(name: "Inverclyde", gssCode: "S12000018", ric: "west"),
        .init(name: "Midlothian", gssCode: "S12000019", ric: "south-east"),
        .init(name: "Moray", gssCode: "S12000020", ric: "northern-alliance"),
        .init(name: "Na h-Eileanan Siar", gssCode: "S12000013", ric: "northern-alliance"),
        .init(name: "North Ayrshire", gssCode: "S12000021", ric: "south-west"),
        .init(name: "North Lanarkshire", gssCode: "S12000050", ric: "west"),
        .init(name: "Orkney Islands", gssCode: "S12000023", ric: "northern-alliance"),
        .init(name: "Perth and Kinross", gssCode: "S12000048", ric: "tayside"),
        .init(name: "Renfrewshire", gssCode: "S12000038", ric: "west"),
        .init(name: "Scottish Borders", gssCode: "S12000026", ric: "south-east"),
        .init(name: "Shetland Islands", gssCode: "S12000027", ric: "northern-alliance"),
        .init(name: "South Ayrshire", gssCode: "S12000028", ric: "south-west"),
        .init(name: "South Lanarkshire", gssCode: "S12000029", ric: "west"),
        .init(name: "Stirling", gssCode: "S12000030", ric: "forth-valley-west-lothian"),
        .init(name: "West Dunbartonshire", gssCode: "S12000039", ric: "west"),
        .init(name: "West Lothian", gssCode: "S12000040", ric: "forth-valley-west-lothian"),
    ]

    /// RIC codes in a fixed order.
    public static let rics: [String] = [
        "forth-valley-west-lothian", "northern-alliance", "south-east", "south-west", "tayside", "west",
    ]

    /// Display names of the RICs.
    public static let ricNames: [String: String] = [
        "forth-valley-west-lothian": "Forth Valley and West Lothian",
        "northern-alliance": "Northern Alliance",
        "south-east": "South East",
        "south-west": "South West",
        "tayside": "Tayside",
        "west": "West Partnership",
    ]

    /// Common variants seen in survey exports, besides names and GSS codes; `Config/` mappings add more.
    public static let councilVariants: [String: String] = [
        "edinburgh": "City of Edinburgh",
        "edinburgh city": "City of Edinburgh",
        "city of edinburgh council": "City of Edinburgh",
        "glasgow": "Glasgow City",
        "aberdeen": "Aberdeen City",
        "dundee": "Dundee City",
        "western isles": "Na h-Eileanan Siar",
        "eilean siar": "Na h-Eileanan Siar",
        "comhairle nan eilean siar": "Na h-Eileanan Siar",
        "na h-eileanan an iar": "Na h-Eileanan Siar",
        "orkney": "Orkney Islands",
        "shetland": "Shetland Islands",
        "borders": "Scottish Borders",
        "perth & kinross": "Perth and Kinross",
        "argyll & bute": "Argyll and Bute",
        "dumfries & galloway": "Dumfries and Galloway",
    ]

    /// The index of `ric` in `rics`.
    public static func ricIndex(_ ric: String) -> Int? { rics.firstIndex(of: ric) }

    /// RIC index of each council, parallel to `councils`.
    public static let ricOfCouncil: [Int] = councils.map { council in
        rics.firstIndex(of: council.ric) ?? 0
    }

    /// Comparison key (`WordingKey`) of every accepted council name, code and variant -> council index.
    public static let councilIndexByKey: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, council) in councils.enumerated() {
            index[WordingKey.normalise(council.name)] = i
            index[WordingKey.normalise(council.gssCode)] = i
            index[WordingKey.normalise(council.name + " council")] = i
        }
        for (variant, name) in councilVariants {
            if let i = councils.firstIndex(where: { $0.name == name }) { index[WordingKey.normalise(variant)] = i }
        }
        return index
    }()

    /// The council matching a name, GSS code or known variant (case and spacing ignored).
    public static func councilIndex(matching text: String) -> Int? {
        councilIndexByKey[WordingKey.normalise(text)]
    }

    /// The council with this GSS code.
    public static func councilIndex(gssCode: String) -> Int? {
        councils.firstIndex { $0.gssCode == gssCode.uppercased() }
    }
}
