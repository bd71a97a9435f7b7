/// Settings of the gap model (`Config/scoring.yaml`, `gaps`).
public struct GapConfig: Sendable, Equatable {
    /// Target hours per practitioner per learner group; groups not listed use the survey's national mean.
    public var targetHours: [String: Double]
    /// How much an online hour counts compared with an in-person one.
    public var onlineDiscount: Double
    /// Need weight never falls below this, so a cell with a real gap always carries some value.
    public var minimumNeedWeight: Double

    public init(targetHours: [String: Double] = [:], onlineDiscount: Double = 0.5, minimumNeedWeight: Double = 0.05) {
        self.targetHours = targetHours
        self.onlineDiscount = onlineDiscount
        self.minimumNeedWeight = minimumNeedWeight
    }
}

/// One learner group x area: how many practitioners, the hours they should get, the hours supplied.
public struct GapCell: Codable, Sendable, Equatable {
    public let level: String
    public let group: String
    public let area: String?
    public let areaName: String?
    public let practitioners: Double
    public let targetHours: Double
    public let demandHours: Double
    public let suppliedHours: Double
    public let gapHours: Double
    public let needIndex: Double
    public let needWeight: Double
    /// Gap hours x need weight: how much filling this cell is worth.
    public let weightedGap: Double

    enum CodingKeys: String, CodingKey {
        case level, group, area, practitioners
        case areaName = "area_name", targetHours = "target_hours", demandHours = "demand_hours", suppliedHours = "supplied_hours"
        case gapHours = "gap_hours", needIndex = "need_index", needWeight = "need_weight", weightedGap = "weighted_gap"
    }
}

/// The gaps table: council cells, rolled up to RICs and nationally per group.
public struct GapReport: Codable, Sendable, Equatable {
    /// `workforce` or `survey respondents`.
    public let practitionersFrom: String
    public let notes: [String]
    public let cells: [GapCell]

    enum CodingKeys: String, CodingKey { case notes, cells; case practitionersFrom = "practitioners_from" }
}

/// Demand, supply and gap per learner group x council (`demand = practitioners x target hours`,
/// `gap = max(0, demand - supplied)`, `need weight = need index / 100`).
public struct GapModel: Sendable {
    /// [group][council]
    public let practitioners: [[Double]]
    public let target: [Double]
    public let demand: [[Double]]
    public let supplied: [[Double]]
    public let gap: [[Double]]
    public let needWeight: [[Double]]
    public let needIndex: [[Double]]
    public let usesWorkforce: Bool
    public let supply: SupplyModel
    public let need: NeedReport
    /// Per group, the need year's tallies (for apportioning gaps by urban/rural class and SIMD quintile).
    private let classTallies: [Int: YearNeedTally]

    /// Respondents per group x council in the need model's year, the fallback for practitioners.
    public static func respondents(_ need: NeedReport) -> [[Double]] {
        var out = Array(repeating: Array(repeating: 0.0, count: Geography.councils.count), count: Taxonomy.learnerGroup.count)
        for row in need.rows where row.level == "council" {
            guard let g = row.group.flatMap(Taxonomy.learnerGroup.index(of:)), let c = row.area.flatMap(Geography.councilIndex(gssCode:)) else { continue }
            out[g][c] = Double(row.responses)
        }
        return out
    }

    /// `tally`, when given, lets the report apportion each council's gap between urban/rural classes and
    /// SIMD quintiles by the share of the council's respondents in each (supply returns have no such dimension).
    public init(need: NeedReport, returns: [ParticipationReturn], supplyYear: String?, workforce: Workforce?, config: GapConfig,
                tally: NeedTally? = nil) {
        var classTallies: [Int: YearNeedTally] = [:]
        for (code, year) in need.groupYears {
            if let g = Taxonomy.learnerGroup.index(of: code), let t = tally?.years[year] { classTallies[g] = t }
        }
        self.classTallies = classTallies
        let groups = Taxonomy.learnerGroup.count, councils = Geography.councils.count
        let useWorkforce = workforce.map { !$0.isEmpty } ?? false
        let practitioners: [[Double]] = useWorkforce
            ? (workforce?.headcount.map { $0.map(Double.init) } ?? [])
            : Self.respondents(need)
        let supply = SupplyModel(returns: returns, year: supplyYear, onlineDiscount: config.onlineDiscount, weights: practitioners)
        let nationalMean = need.rows.first { $0.level == "national" }?.indicators["mean_hours"]?.shrunk ?? 0
        var target = Array(repeating: nationalMean, count: groups)
        for (code, hours) in config.targetHours { if let g = Taxonomy.learnerGroup.index(of: code) { target[g] = hours } }
        var needIndex = Array(repeating: Array(repeating: 0.0, count: councils), count: groups)
        for row in need.rows {
            guard let g = row.group.flatMap(Taxonomy.learnerGroup.index(of:)) else { continue }
            if row.level == "council", let c = row.area.flatMap(Geography.councilIndex(gssCode:)) { needIndex[g][c] = row.needIndex }
        }
        var demand = needIndex, gap = needIndex, weight = needIndex
        for g in 0..<groups {
            for c in 0..<councils {
                demand[g][c] = practitioners[g][c] * target[g]
                gap[g][c] = max(0, demand[g][c] - supply.hours[g][c])
                weight[g][c] = max(config.minimumNeedWeight, needIndex[g][c] / 100)
            }
        }
        self.practitioners = practitioners
        self.target = target
        self.demand = demand
        self.supplied = supply.hours
        self.gap = gap
        self.needWeight = weight
        self.needIndex = needIndex
        self.usesWorkforce = useWorkforce
        self.supply = supply
        self.need = need
    }

    /// The table: council cells with any practitioners or supply, then RIC and national roll-ups per group.
    public func report() -> GapReport {
        var cells: [GapCell] = []
        func r(_ v: Double) -> Double { Rounding.round(v, places: 2) }
        for g in 0..<Taxonomy.learnerGroup.count {
            let code = Taxonomy.learnerGroup.code(at: g)
            let active = (0..<Geography.councils.count).filter { practitioners[g][$0] > 0 || supplied[g][$0] > 0 }
            guard !active.isEmpty || supply.nationalOnlyHours[g] > 0 else { continue }
            var ricTotals: [String: (p: Double, d: Double, s: Double, gap: Double, wg: Double)] = [:]
            for c in active {
                let council = Geography.councils[c]
                cells.append(GapCell(level: "council", group: code, area: council.gssCode, areaName: council.name,
                                     practitioners: r(practitioners[g][c]), targetHours: r(target[g]), demandHours: r(demand[g][c]),
                                     suppliedHours: r(supplied[g][c]), gapHours: r(gap[g][c]), needIndex: needIndex[g][c],
                                     needWeight: Rounding.round(needWeight[g][c]), weightedGap: r(gap[g][c] * needWeight[g][c])))
                let t = ricTotals[council.ric] ?? (0, 0, 0, 0, 0)
                ricTotals[council.ric] = (t.p + practitioners[g][c], t.d + demand[g][c], t.s + supplied[g][c], t.gap + gap[g][c], t.wg + gap[g][c] * needWeight[g][c])
            }
            var national = (p: 0.0, d: 0.0, s: supply.nationalOnlyHours[g], gap: 0.0, wg: 0.0)
            for ric in Geography.rics {
                guard let t = ricTotals[ric] else { continue }
                national = (national.p + t.p, national.d + t.d, national.s + t.s, national.gap + t.gap, national.wg + t.wg)
                cells.append(GapCell(level: "ric", group: code, area: ric, areaName: Geography.ricNames[ric], practitioners: r(t.p),
                                     targetHours: r(target[g]), demandHours: r(t.d), suppliedHours: r(t.s), gapHours: r(t.gap),
                                     needIndex: 0, needWeight: t.gap > 0 ? Rounding.round(t.wg / t.gap) : 0, weightedGap: r(t.wg)))
            }
            cells.append(contentsOf: classCells(group: g, councils: active))
            cells.append(GapCell(level: "national", group: code, area: nil, areaName: "Scotland", practitioners: r(national.p),
                                 targetHours: r(target[g]), demandHours: r(national.d), suppliedHours: r(national.s),
                                 gapHours: r(max(0, national.d - national.s)), needIndex: 0,
                                 needWeight: national.gap > 0 ? Rounding.round(national.wg / national.gap) : 0, weightedGap: r(national.wg)))
        }
        var notes = supply.notes
        notes.insert(usesWorkforce ? "practitioners per cell from the workforce file"
                     : "no workforce file: practitioners per cell are survey respondents, so demand is the respondents' own", at: 0)
        if !classTallies.isEmpty && cells.contains(where: { $0.level == "urban_rural" || $0.level == "simd_quintile" }) {
            notes.append("urban/rural and SIMD rows apportion each council's demand, supply and gap by the share of its respondents in each class")
        }
        if supply.nationalOnlyHours.contains(where: { $0 > 0 }) {
            notes.append("national rows include independent-sector and 'all'-only hours that no council cell holds")
        }
        return GapReport(practitionersFrom: usesWorkforce ? "workforce" : "survey respondents", notes: notes, cells: cells)
    }

    /// Gap rows by urban/rural class and SIMD quintile, each council's figures split by its respondents' classes.
    private func classCells(group g: Int, councils: [Int]) -> [GapCell] {
        guard let tally = classTallies[g] else { return [] }
        let code = Taxonomy.learnerGroup.code(at: g)
        var out: [GapCell] = []
        func r(_ v: Double) -> Double { Rounding.round(v, places: 2) }
        for (level, counts, classes) in [("urban_rural", tally.councilUrbanRural, 6), ("simd_quintile", tally.councilSIMD, 5)] {
            var totals = Array(repeating: (p: 0.0, d: 0.0, s: 0.0, gap: 0.0, wg: 0.0), count: classes)
            var any = false
            for c in councils {
                let base = (g * Geography.councils.count + c) * classes
                let n = (0..<classes).reduce(0.0) { $0 + Double(counts[base + $1]) }
                guard n > 0 else { continue }
                any = true
                for k in 0..<classes {
                    let share = Double(counts[base + k]) / n
                    let t = totals[k]
                    totals[k] = (t.p + practitioners[g][c] * share, t.d + demand[g][c] * share, t.s + supplied[g][c] * share,
                                 t.gap + gap[g][c] * share, t.wg + gap[g][c] * needWeight[g][c] * share)
                }
            }
            guard any else { continue }
            for k in 0..<classes {
                let t = totals[k]
                let area = level == "urban_rural" ? "ur6:\(k + 1)" : "simd:\(k + 1)"
                let name = level == "urban_rural" ? (UrbanRural6.labels[k + 1] ?? area) : "SIMD quintile \(k + 1)"
                out.append(GapCell(level: level, group: code, area: area, areaName: name, practitioners: r(t.p), targetHours: r(target[g]),
                                   demandHours: r(t.d), suppliedHours: r(t.s), gapHours: r(t.gap), needIndex: 0,
                                   needWeight: t.gap > 0 ? Rounding.round(t.wg / t.gap) : 0, weightedGap: r(t.wg)))
            }
        }
        return out
    }
}
