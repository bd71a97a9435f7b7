import AllotRounds

/// A score drawn as a bar split into its criteria's contributions (SVG drawn by the server; colours from the
/// stylesheet by criterion, so the page needs no inline style).
struct ScoreBar: Sendable {
    struct Segment: Sendable {
        let x: String
        let width: String
        let colour: String
        let label: String
    }

    /// The bar is this wide at a score of 1 (SVG user units).
    static let fullWidth = 120.0

    let segments: [Segment]
    /// The bar in words, for screen readers: "Score 0.62: need alignment 0.21, ...".
    let label: String

    /// Segments in `criteria` order (the round's weights, sorted), each as wide as its contribution.
    init(score: Double, components: [String: ComponentScoreView], criteria: [String]) {
        var x = 0.0
        var segments: [Segment] = []
        var words: [String] = []
        for (i, key) in criteria.enumerated() {
            guard let c = components[key], c.contribution > 0 else { continue }
            let width = max(0, min(c.contribution, 1)) * Self.fullWidth
            segments.append(Segment(x: PageFormat.number(x, places: 1), width: PageFormat.number(width, places: 1), colour: "c\(i % 8)",
                                    label: "\(PageFormat.criterion(key)) \(PageFormat.number(c.contribution))"))
            words.append("\(PageFormat.criterion(key).lowercased()) \(PageFormat.number(c.contribution))")
            x += width
        }
        self.segments = segments
        label = "Score \(PageFormat.number(score)): " + (words.isEmpty ? "no criterion adds to it" : words.joined(separator: ", "))
    }
}

/// What a bar needs of a criterion's score.
struct ComponentScoreView: Sendable {
    let contribution: Double
}

/// The key of criterion colours under a ranking.
struct CriterionKey: Sendable {
    let label: String
    let colour: String
    let weight: String

    static func keys(_ criteria: [String], weights: [String: Double]) -> [CriterionKey] {
        criteria.enumerated().map { i, key in
            CriterionKey(label: PageFormat.criterion(key), colour: "c\(i % 8)", weight: PageFormat.number(weights[key]))
        }
    }
}
