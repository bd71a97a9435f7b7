import AllotCore

/// Scotland's 32 council areas as a tile map: each on a grid square in its rough geographic place (north at the
/// top, the islands off the coast), so every council is the same size and named in full. Real boundaries need an
/// official boundary file, which Allot does not ship.
enum CouncilTiles {
    /// Council name -> (column, row) on an 8 x 9 grid.
    static let places: [String: (column: Int, row: Int)] = [
        "Shetland Islands": (6, 0),
        "Orkney Islands": (5, 1),
        "Na h-Eileanan Siar": (0, 2), "Highland": (2, 2), "Moray": (3, 2), "Aberdeenshire": (4, 2), "Aberdeen City": (5, 2),
        "Argyll and Bute": (1, 3), "Perth and Kinross": (2, 3), "Angus": (3, 3), "Dundee City": (4, 3),
        "West Dunbartonshire": (1, 4), "Stirling": (2, 4), "Clackmannanshire": (3, 4), "Fife": (4, 4),
        "Inverclyde": (0, 5), "East Dunbartonshire": (1, 5), "Falkirk": (2, 5), "West Lothian": (3, 5), "City of Edinburgh": (4, 5),
        "East Lothian": (5, 5),
        "Renfrewshire": (0, 6), "Glasgow City": (1, 6), "North Lanarkshire": (2, 6), "Midlothian": (4, 6),
        "North Ayrshire": (0, 7), "East Renfrewshire": (1, 7), "South Lanarkshire": (2, 7), "Scottish Borders": (4, 7),
        "South Ayrshire": (0, 8), "East Ayrshire": (1, 8), "Dumfries and Galloway": (2, 8),
    ]

    static let width = 132.0, height = 64.0, gap = 6.0

    /// A council's name in lines of at most 16 characters (SVG text does not wrap).
    static func lines(_ name: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in name.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= 16 { current += " " + word } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
