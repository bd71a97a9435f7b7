/// Settings of the gap model (`Config/scoring.yaml`, `gaps`).
public struct GapConfig: Sendable, Equatable {
    /// Target hours per practitioner per learner group; groups not listed use the survey's national mean.
    public var targetHours: [String: Double]
    /// How much an online hour counts compared with an in-person one.
    public var onlineDiscount: Double
    /// Need weight never falls below this, so a cell with a real gap always carries some value.
    public var minimumNeedWeight: Double
    /// The published workforce file in `Config/` (same columns as a workforce file) that stands in for a round
    /// without one, and where its figures come from; nil when not configured.
    public var referenceWorkforce: String?
    public var referenceWorkforceSource: String?

    public init(targetHours: [String: Double] = [:], onlineDiscount: Double = 0.5, minimumNeedWeight: Double = 0.05,
                referenceWorkforce: String? = nil, referenceWorkforceSource: String? = nil) {
        self.targetHours = targetHours
        self.onlineDiscount = onlineDiscount
        self.minimumNeedWeight = minimumNeedWeight
        self.referenceWorkforce = referenceWorkforce
        self.referenceWorkforceSource = referenceWorkforceSource
    }
}

/// One learner group x area: how many practitioners, the hours they should get, the hours supplied.
public struct GapCell: Codable, Sendable, Equatable {
    public let level: String
    public let group: String
    public let area: String?
    public let areaName: String?
    public let practitioners: Double
    /// The practitioner estimate's range (equal to `practitioners` where they are counted).
    public let practitionersLow: Double
    public let practitionersHigh: Double
    public let targetHours: Double
    public let demandHours: Double
    public let suppliedHours: Double
    public let gapHours: Double
    /// The gap at the low and high ends of the practitioner estimate.
    public let gapLow: Double
    public let gapHigh: Double
    public let needIndex: Double
    public let needWeight: Double
    /// Gap hours x need weight: how much filling this cell is worth.
    public let weightedGap: Double
    /// How the group's practitioners were found.
    public let practitionersMethod: PractitionerEstimate.Method

    enum CodingKeys: String, CodingKey {
        case level, group, area, practitioners
        case areaName = "area_name", targetHours = "target_hours", demandHours = "demand_hours", suppliedHours = "supplied_hours"
        case gapHours = "gap_hours", needIndex = "need_index", needWeight = "need_weight", weightedGap = "weighted_gap"
        case practitionersLow = "practitioners_low", practitionersHigh = "practitioners_high", gapLow = "gap_low", gapHigh = "gap_high"
        case practitionersMethod = "practitioners_method"
    }
}

/// Where the practitioners behind demand came from, for the whole table.
public enum PractitionersSource: String, Codable, Sendable, Equatable {
    /// Every group with practitioners is counted by the workforce file.
    case workforce
    /// Counted by the workforce file for some groups, estimated for others.
    case workforceAndEstimate = "workforce and estimate"
    /// No workforce file: the reference workforce, and respondents at its response rate.
    case estimate
    /// Nothing counted anywhere: the respondents themselves (demand understated).
    case surveyRespondents = "survey respondents"
}

/// The gaps table: council cells, rolled up to RICs and nationally per group.
public struct GapReport: Codable, Sendable, Equatable {
    public let practitionersFrom: PractitionersSource
    /// Per group: how its practitioners were found, the national figure and its range.
    public let practitionerEstimate: [PractitionerEstimate.Group]
    public let responseRate: PractitionerEstimate.ResponseRate?
    public let notes: [String]
    public let cells: [GapCell]

    enum CodingKeys: String, CodingKey {
        case notes, cells
        case practitionersFrom = "practitioners_from", practitionerEstimate = "practitioner_estimate", responseRate = "response_rate"
    }
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
    /// How many practitioners each cell holds, and how each group's figure was found.
    public let estimate: PractitionerEstimate
    public let referenceSource: String?
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
    /// `reference` is the published workforce in `Config/` that stands in for a missing workforce file (see
    /// `PractitionerEstimate`).
    public init(need: NeedReport, returns: [ParticipationReturn], supplyYear: String?, workforce: Workforce?,
                reference: ReferenceWorkforce?, config: GapConfig, tally: NeedTally? = nil) {
        var classTallies: [Int: YearNeedTally] = [:]
        for (code, year) in need.groupYears {
            if let g = Taxonomy.learnerGroup.index(of: code), let t = tally?.years[year] { classTallies[g] = t }
        }
        self.classTallies = classTallies
        let groups = Taxonomy.learnerGroup.count, councils = Geography.councils.count
        let estimate = PractitionerEstimate(need: need, workforce: workforce, reference: reference)
        let practitioners = estimate.count
        let supply = SupplyModel(returns: returns, year: supplyYear, onlineDiscount: config.onlineDiscount, weights: practitioners)
        let target = Self.targets(need: need, config: config)
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
        self.estimate = estimate
        self.referenceSource = reference?.source
        self.supply = supply
        self.need = need
    }

    /// Target hours per group: `gaps.target_hours` where configured, else the national mean of the group's own
    /// survey (a technician survey's mean never becomes the practitioners' target), else, for a group with no
    /// survey of its own (counted by a workforce file but not surveyed), the national mean of all the surveys loaded,
    /// so a counted group never has demand 0 for want of a target.
    static func targets(need: NeedReport, config: GapConfig) -> [Double] {
        let allSurveys = need.rows.first { $0.level == "national" && $0.group == nil }?.indicators["mean_hours"]?.shrunk ?? 0
        return (0..<Taxonomy.learnerGroup.count).map { g in
            let code = Taxonomy.learnerGroup.code(at: g)
            return config.targetHours[code] ?? need.defaultTargets[code]?.meanHours ?? allSurveys
        }
    }

    /// Where practitioners per cell came from, summed up for the output.
    public var practitionersFrom: PractitionersSource {
        let methods = Set(estimate.groups.map(\.method))
        if methods.contains(.respondents) || methods.isSubset(of: [.noEvidence]) { return .surveyRespondents }
        if methods.isSubset(of: [.workforce, .noEvidence]) { return .workforce }
        return methods.contains(.workforce) ? .workforceAndEstimate : .estimate
    }

    /// Sums behind a roll-up row (RIC, national, urban/rural class, SIMD quintile).
    private struct Totals {
        var practitioners = 0.0, low = 0.0, high = 0.0, demand = 0.0, supplied = 0.0, gap = 0.0, gapLow = 0.0, gapHigh = 0.0
        var weightedGap = 0.0

        mutating func add(_ o: Totals, share: Double = 1) {
            practitioners += o.practitioners * share; low += o.low * share; high += o.high * share
            demand += o.demand * share; supplied += o.supplied * share; gap += o.gap * share
            gapLow += o.gapLow * share; gapHigh += o.gapHigh * share; weightedGap += o.weightedGap * share
        }
    }

    /// One council cell's figures; the low and high gaps come from the practitioner estimate's range.
    private func councilTotals(_ g: Int, _ c: Int) -> Totals {
        Totals(practitioners: practitioners[g][c], low: estimate.low[g][c], high: estimate.high[g][c], demand: demand[g][c],
               supplied: supplied[g][c], gap: gap[g][c], gapLow: max(0, estimate.low[g][c] * target[g] - supplied[g][c]),
               gapHigh: max(0, estimate.high[g][c] * target[g] - supplied[g][c]), weightedGap: gap[g][c] * needWeight[g][c])
    }

    private func cell(_ level: String, _ g: Int, area: String?, name: String?, _ t: Totals, needIndex: Double = 0,
                      needWeight: Double? = nil, gap: Double? = nil) -> GapCell {
        func r(_ v: Double) -> Double { Rounding.round(v, places: 2) }
        return GapCell(level: level, group: Taxonomy.learnerGroup.code(at: g), area: area, areaName: name,
                       practitioners: r(t.practitioners), practitionersLow: r(t.low), practitionersHigh: r(t.high),
                       targetHours: r(target[g]), demandHours: r(t.demand), suppliedHours: r(t.supplied), gapHours: r(gap ?? t.gap),
                       gapLow: r(t.gapLow), gapHigh: r(t.gapHigh), needIndex: needIndex,
                       needWeight: needWeight ?? (t.gap > 0 ? Rounding.round(t.weightedGap / t.gap) : 0), weightedGap: r(t.weightedGap),
                       practitionersMethod: estimate.method(group: g))
    }

    /// The table: council cells with any practitioners or supply, then RIC and national roll-ups per group.
    public func report() -> GapReport {
        var cells: [GapCell] = []
        for g in 0..<Taxonomy.learnerGroup.count {
            let active = (0..<Geography.councils.count).filter { practitioners[g][$0] > 0 || supplied[g][$0] > 0 }
            guard !active.isEmpty || supply.nationalOnlyHours[g] > 0 else { continue }
            var ricTotals: [String: Totals] = [:]
            for c in active {
                let council = Geography.councils[c], t = councilTotals(g, c)
                cells.append(cell("council", g, area: council.gssCode, name: council.name, t, needIndex: needIndex[g][c],
                                  needWeight: Rounding.round(needWeight[g][c])))
                ricTotals[council.ric, default: Totals()].add(t)
            }
            var national = Totals(supplied: supply.nationalOnlyHours[g])
            for ric in Geography.rics {
                guard let t = ricTotals[ric] else { continue }
                national.add(t)
                cells.append(cell("ric", g, area: ric, name: Geography.ricNames[ric], t))
            }
            cells.append(contentsOf: classCells(group: g, councils: active))
            // Nationally the gap is demand less all supply, national-only hours included.
            national.gapLow = max(0, national.low * target[g] - national.supplied)
            national.gapHigh = max(0, national.high * target[g] - national.supplied)
            cells.append(cell("national", g, area: nil, name: "Scotland", national, gap: max(0, national.demand - national.supplied)))
        }
        var notes = estimate.notes(referenceSource: referenceSource) + supply.notes
        if !classTallies.isEmpty && cells.contains(where: { $0.level == "urban_rural" || $0.level == "simd_quintile" }) {
            notes.append("urban/rural and SIMD rows apportion each council's demand, supply and gap by the share of its respondents in each class")
        }
        if supply.nationalOnlyHours.contains(where: { $0 > 0 }) {
            notes.append("national rows include independent-sector and 'all'-only hours that no council cell holds")
        }
        return GapReport(practitionersFrom: practitionersFrom, practitionerEstimate: estimate.groups,
                         responseRate: estimate.responseRate, notes: notes, cells: cells)
    }

    /// Gap rows by urban/rural class and SIMD quintile, each council's figures split by its respondents' classes.
    private func classCells(group g: Int, councils: [Int]) -> [GapCell] {
        guard let tally = classTallies[g] else { return [] }
        var out: [GapCell] = []
        for (level, counts, classes) in [("urban_rural", tally.councilUrbanRural, 6), ("simd_quintile", tally.councilSIMD, 5)] {
            var totals = Array(repeating: Totals(), count: classes)
            var any = false
            for c in councils {
                let base = (g * Geography.councils.count + c) * classes
                let n = (0..<classes).reduce(0.0) { $0 + Double(counts[base + $1]) }
                guard n > 0 else { continue }
                any = true
                let t = councilTotals(g, c)
                for k in 0..<classes { totals[k].add(t, share: Double(counts[base + k]) / n) }
            }
            guard any else { continue }
            for k in 0..<classes {
                let area = level == "urban_rural" ? "ur6:\(k + 1)" : "simd:\(k + 1)"
                let name = level == "urban_rural" ? (UrbanRural6.labels[k + 1] ?? area) : "SIMD quintile \(k + 1)"
                out.append(cell(level, g, area: area, name: name, totals[k]))
            }
        }
        return out
    }
}
