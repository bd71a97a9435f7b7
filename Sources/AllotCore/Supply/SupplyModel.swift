/// Providers' cumulative hours and participants placed in learner group x council cells, following
/// the spec's rules, with a note for every rule that was applied.
public struct SupplyModel: Sendable {
    /// [group][council] cumulative hours supplied (online hours included at their discount).
    public private(set) var hours: [[Double]]
    /// [group][council] participants (online and national-only participants are not in any cell).
    public private(set) var participants: [[Int]]
    /// Per group: hours and participants that count nationally only (independent sector, `all`-only returns).
    public private(set) var nationalOnlyHours: [Double]
    public private(set) var nationalOnlyParticipants: [Int]
    /// Per group: online hours before the discount.
    public private(set) var onlineHours: [Double]
    /// Per provider (its `ApplicantKey`, as applicants are matched to their returns): participants and hours in the
    /// returns, for track records.
    public private(set) var providerTotals: [ApplicantKey: (participants: Int, hours: Double)]
    /// What was done to the returns, in words, for the output.
    public private(set) var notes: [String]

    /// Builds the model from the returns of `year` (all years when nil); online hours are spread over
    /// the group's councils in proportion to `weights` (practitioners) and counted at `onlineDiscount`.
    public init(returns: [ParticipationReturn], year: String?, onlineDiscount: Double, weights: [[Double]]) {
        let groups = Taxonomy.learnerGroup.count, councils = Geography.councils.count
        hours = Array(repeating: Array(repeating: 0, count: councils), count: groups)
        participants = Array(repeating: Array(repeating: 0, count: councils), count: groups)
        nationalOnlyHours = Array(repeating: 0, count: groups)
        nationalOnlyParticipants = Array(repeating: 0, count: groups)
        onlineHours = Array(repeating: 0, count: groups)
        providerTotals = [:]
        notes = []
        let rows = returns.filter { year == nil || $0.year == year }
        // Group by provider and sector, in a fixed order so the notes and sums never depend on row order.
        var byKey: [String: [ParticipationReturn]] = [:]
        for r in rows { byKey["\(ApplicantKey(r.provider).value)\u{1f}\(r.group)", default: []].append(r) }
        var spreadCount = 0, allOnlyCount = 0
        for key in byKey.keys.sorted() {
            guard let list = byKey[key], let first = list.first else { continue }
            let g = first.group
            let provider = ApplicantKey(first.provider)
            let councilRows = list.filter { if case .council = $0.area { true } else { false } }
                .sorted { $0.area.text < $1.area.text }
            let allRow = list.first { $0.area == .all }
            var providerParticipants = 0, providerHours = 0.0
            let councilParticipants = councilRows.reduce(0) { $0 + $1.participants }
            for r in councilRows {
                guard case let .council(c) = r.area else { continue }
                var h = r.cumulativeHours ?? 0
                if r.cumulativeHours == nil, let all = allRow, let total = all.cumulativeHours, councilParticipants > 0 {
                    h = total * Double(r.participants) / Double(councilParticipants)
                }
                hours[g][c] += h
                participants[g][c] += r.participants
                providerParticipants += r.participants
                providerHours += h
            }
            if let all = allRow, councilRows.contains(where: { $0.cumulativeHours == nil }), all.cumulativeHours != nil, councilParticipants > 0 {
                spreadCount += 1
            }
            if let all = allRow, councilRows.isEmpty {
                nationalOnlyHours[g] += all.cumulativeHours ?? 0
                nationalOnlyParticipants[g] += all.participants
                providerParticipants += all.participants
                providerHours += all.cumulativeHours ?? 0
                allOnlyCount += 1
            }
            for r in list where r.area == .independent {
                nationalOnlyHours[g] += r.cumulativeHours ?? 0
                nationalOnlyParticipants[g] += r.participants
                providerParticipants += r.participants
                providerHours += r.cumulativeHours ?? 0
            }
            for r in list where r.area == .online {
                let h = r.cumulativeHours ?? 0
                onlineHours[g] += h
                providerParticipants += r.participants
                providerHours += h
            }
            let before = providerTotals[provider] ?? (0, 0)
            providerTotals[provider] = (before.participants + providerParticipants, before.hours + providerHours)
        }
        for g in 0..<groups where onlineHours[g] > 0 {
            let w = weights[g]
            let total = w.reduce(0, +)
            for c in 0..<councils {
                let share = total > 0 ? w[c] / total : 1 / Double(councils)
                hours[g][c] += onlineHours[g] * share * onlineDiscount
            }
        }
        if spreadCount > 0 {
            notes.append("\(spreadCount) provider-sector return(s) gave cumulative hours only on the 'all' row: spread over their council rows in proportion to participants")
        }
        if allOnlyCount > 0 {
            notes.append("\(allOnlyCount) provider-sector return(s) had only an 'all' row: counted nationally, not in any council")
        }
        if onlineHours.contains(where: { $0 > 0 }) {
            notes.append("online hours spread over each sector's councils in proportion to practitioners, counted at \(onlineDiscount) of an in-person hour")
        }
    }
}
