/// The fallback for thin data: each reviewer's scores as z-scores, mapped back onto the scale.
struct ReviewerZScores {
    /// The mean of every overall score.
    let grandMean: Double
    /// The within-reviewer standard deviation pooled over reviewers with two or more reviews.
    let pooledSD: Double
    let means: [Double]
    /// Sample standard deviation per reviewer; nil with fewer than two reviews.
    let sds: [Double?]
    let counts: [Int]

    init(_ table: PanelTable) {
        let n = table.reviewers.count
        var sums = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: n)
        for o in table.observations { sums[o.reviewer] += o.score; counts[o.reviewer] += 1 }
        let means = (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
        var squares = [Double](repeating: 0, count: n)
        for o in table.observations { squares[o.reviewer] += (o.score - means[o.reviewer]) * (o.score - means[o.reviewer]) }
        let total = table.observations.reduce(0) { $0 + $1.score }
        grandMean = table.observations.isEmpty ? 0 : total / Double(table.observations.count)
        let pooledSquares = (0..<n).filter { counts[$0] > 1 }.reduce(0) { $0 + squares[$1] }
        let pooledDF = (0..<n).filter { counts[$0] > 1 }.reduce(0) { $0 + counts[$1] - 1 }
        pooledSD = pooledDF > 0 ? (pooledSquares / Double(pooledDF)).squareRoot() : 0
        self.means = means
        self.sds = (0..<n).map { counts[$0] > 1 ? (squares[$0] / Double(counts[$0] - 1)).squareRoot() : nil }
        self.counts = counts
    }

    /// grand mean + z x pooled sd. A reviewer with one review cannot be centred, so their raw score
    /// stands; a reviewer who gave every proposal the same score says nothing about order (z = 0).
    func adjusted(_ o: PanelObservation) -> Double {
        guard let sd = sds[o.reviewer] else { return o.score }
        guard sd > 0 else { return grandMean }
        return grandMean + (o.score - means[o.reviewer]) / sd * pooledSD
    }

    /// Mean minus grand mean; 0 for a reviewer with one review (nothing to compare it with).
    func offset(_ r: Int) -> Double { counts[r] > 1 ? means[r] - grandMean : 0 }

    /// The reviewer's spread relative to the pooled one; nil when either is undefined.
    func spread(_ r: Int) -> Double? {
        guard let sd = sds[r], pooledSD > 0 else { return nil }
        return sd / pooledSD
    }
}
