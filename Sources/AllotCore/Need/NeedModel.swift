import Foundation

/// Builds need signals per learner group x council, RIC and nationally, shrunk level by level:
/// council -> RIC -> the group nationally -> all groups, so small cells borrow strength from their parents.
public enum NeedModel {
    /// The need table for the tallies: each group's latest year, with earlier years as trends.
    public static func build(_ tally: NeedTally, config: NeedConfig = NeedConfig()) -> NeedReport {
        let years = tally.years.keys.sorted { yearOrder($0) < yearOrder($1) }
        var models: [String: YearModel] = [:]
        for year in years { if let t = tally.years[year] { models[year] = YearModel(t, config: config) } }
        var groupYears: [String: String] = [:]
        for year in years {
            guard let model = models[year] else { continue }
            for g in model.groupsPresent { groupYears[Taxonomy.learnerGroup.code(at: g)] = year }
        }
        var rows: [NeedRow] = []
        if let latest = years.last, let model = models[latest] {
            rows.append(contentsOf: model.rows.filter { $0.group == nil })
        }
        for g in 0..<Taxonomy.learnerGroup.count {
            let code = Taxonomy.learnerGroup.code(at: g)
            guard let year = groupYears[code], let model = models[year] else { continue }
            rows.append(contentsOf: model.rows.filter { $0.group == code })
        }
        for i in rows.indices {
            for year in years where yearOrder(year) < yearOrder(rows[i].year) {
                guard let earlier = models[year]?.rowByKey[rows[i].key] else { continue }
                rows[i].trend.append(TrendPoint(
                    year: year, responses: earlier.responses, needIndex: earlier.needIndex,
                    meanHours: earlier.indicators["mean_hours"]?.shrunk,
                    accessDifficult: earlier.indicators["access_difficult"]?.shrunk,
                    notConfident: earlier.indicators["not_confident"]?.shrunk))
            }
        }
        let allSurveys = tally.years.values.flatMap(\.surveys).sorted()
        let anyUR = models.values.contains { $0.hasUrbanRural }
        let anySIMD = models.values.contains { $0.hasSIMD }
        var strengths: [String: [String: [String: Double]]] = [:]
        var references: [String: Int] = [:]
        var weights: [String: Double] = [:]
        for (year, model) in models {
            strengths[year] = model.strengths
            references[year] = model.referenceCount
            for (k, w) in model.usedWeights { weights[k] = w }
        }
        return NeedReport(
            surveys: allSurveys, groupYears: groupYears,
            enrichment: .init(urbanRural: anyUR, simd: anySIMD),
            index: .init(transform: "simd-exponential", weights: weights, referenceCells: references),
            priorStrengths: strengths, rows: rows, defaultTargets: defaultTargets(tally, groupYears: groupYears))
    }

    /// Each group's own survey in its year (the one that gave it most responses; ties by id) and that survey's
    /// national mean hours. With a practitioner and a technician survey of one year, practitioners get the
    /// practitioner survey's mean and technicians the technician survey's.
    static func defaultTargets(_ tally: NeedTally, groupYears: [String: String]) -> [String: DefaultTarget] {
        var out: [String: DefaultTarget] = [:]
        for (code, year) in groupYears {
            guard let g = Taxonomy.learnerGroup.index(of: code), let totals = tally.years[year]?.surveyTotals else { continue }
            let own = totals.filter { $0.value.groupResponses[g] > 0 }
                .max { ($0.value.groupResponses[g], $1.key) < ($1.value.groupResponses[g], $0.key) }
            guard let (survey, t) = own, t.hoursAnswered > 0 else { continue }
            // Exact from the integer totals (thousandths of hours), so the target never depends on row order.
            let mean = Rounding.ratio(t.hoursMilli, Int64(t.hoursAnswered) * 1000, places: 4)
            out[code] = DefaultTarget(survey: survey, meanHours: mean, hoursAnswered: t.hoursAnswered)
        }
        return out
    }

    static func yearOrder(_ year: String) -> (Int, String) { (Int(year.prefix(4)) ?? -1, year) }

    /// SIMD's exponential transform of a rank fraction R in [0, 1]: -23 ln(1 - R(1 - e^(-100/23))),
    /// 0 to 100, stretching the most-needy end (Scottish Government, SIMD 2020 technical notes).
    public static func exponentialTransform(_ r: Double) -> Double {
        -23 * log(1 - r * (1 - exp(-100.0 / 23)))
    }
}

/// The need model of one academic year.
struct YearModel {
    let rows: [NeedRow]
    let rowByKey: [String: NeedRow]
    let groupsPresent: [Int]
    let hasUrbanRural: Bool
    let hasSIMD: Bool
    let strengths: [String: [String: Double]]
    let referenceCount: Int
    let usedWeights: [String: Double]

    private struct Unit {
        let level: String
        let group: Int?
        let area: String?
        let areaName: String?
        let ric: String?
        let tally: NeedCellTally
        let parent: Int?
    }

    init(_ year: YearNeedTally, config: NeedConfig) {
        let groups = Taxonomy.learnerGroup.count
        let councils = Geography.councils.count
        var units: [Unit] = []
        var national = NeedCellTally()
        var groupTallies = Array(repeating: NeedCellTally(), count: groups)
        for g in 0..<groups {
            for c in 0..<YearNeedTally.councilSlots { groupTallies[g].merge(year.cells[g * YearNeedTally.councilSlots + c]) }
            national.merge(groupTallies[g])
        }
        let present = (0..<groups).filter { groupTallies[$0].responses > 0 }
        groupsPresent = present
        units.append(Unit(level: "national", group: nil, area: nil, areaName: "Scotland", ric: nil, tally: national, parent: nil))
        var groupUnit: [Int: Int] = [:]
        for g in present {
            groupUnit[g] = units.count
            units.append(Unit(level: "group", group: g, area: nil, areaName: "Scotland", ric: nil, tally: groupTallies[g], parent: 0))
        }
        var ricUnit: [Int: Int] = [:]
        for g in present {
            for (r, ric) in Geography.rics.enumerated() {
                var t = NeedCellTally()
                for c in 0..<councils where Geography.ricOfCouncil[c] == r { t.merge(year.cells[g * YearNeedTally.councilSlots + c]) }
                ricUnit[g * 100 + r] = units.count
                units.append(Unit(level: "ric", group: g, area: ric, areaName: Geography.ricNames[ric], ric: ric, tally: t, parent: groupUnit[g]))
            }
        }
        for g in present {
            for c in 0..<councils {
                let council = Geography.councils[c]
                units.append(Unit(level: "council", group: g, area: council.gssCode, areaName: council.name, ric: council.ric,
                                  tally: year.cells[g * YearNeedTally.councilSlots + c], parent: ricUnit[g * 100 + Geography.ricOfCouncil[c]]))
            }
        }
        hasUrbanRural = year.urbanRural.contains { $0.responses > 0 }
        hasSIMD = year.simd.contains { $0.responses > 0 }
        if hasUrbanRural {
            for g in present {
                for u in 1...6 {
                    units.append(Unit(level: "urban_rural", group: g, area: "ur6:\(u)", areaName: UrbanRural6.labels[u], ric: nil,
                                      tally: year.urbanRural[g * 6 + u - 1], parent: groupUnit[g]))
                }
            }
        }
        if hasSIMD {
            for g in present {
                for q in 1...5 {
                    units.append(Unit(level: "simd_quintile", group: g, area: "simd:\(q)", areaName: "SIMD quintile \(q)", ric: nil,
                                      tally: year.simd[g * 5 + q - 1], parent: groupUnit[g]))
                }
            }
        }

        // Shrink every indicator level by level (parents come before children in `units`).
        let levels = ["group", "ric", "council", "urban_rural", "simd_quintile"]
        var estimates = Array(repeating: [String: IndicatorEstimate](), count: units.count)
        var shrunk = Array(repeating: 0.0, count: units.count)
        var strengths: [String: [String: Double]] = [:]
        let headline: Set<String> = ["mean_hours", "access_difficult", "no_suitable_pl", "insufficient_choice", "not_confident"]
        for (k, indicator) in NeedIndicator.shares.enumerated() {
            guard national.answered[k] > 0 else { continue }
            let x0 = Int(national.yes[k]), n0 = Int(national.answered[k])
            let w = WilsonInterval(successes: x0, trials: n0)
            shrunk[0] = Double(x0) / Double(n0)
            estimates[0][indicator.key] = IndicatorEstimate(raw: r4(shrunk[0]), shrunk: r4(shrunk[0]), n: n0, low: r4(w.low), high: r4(w.high))
            for level in levels {
                let members = units.indices.filter { units[$0].level == level }
                let shareUnits = members.compactMap { i -> EmpiricalBayes.ShareUnit? in
                    guard let p = units[i].parent else { return nil }
                    return .init(yes: Int(units[i].tally.yes[k]), n: Int(units[i].tally.answered[k]), parent: shrunk[p])
                }
                let m = EmpiricalBayes.shareStrength(shareUnits, limits: config.limits)
                if headline.contains(indicator.key) { strengths[level, default: [:]][indicator.key] = r4(m) }
                for i in members {
                    guard let p = units[i].parent else { continue }
                    let x = Int(units[i].tally.yes[k]), n = Int(units[i].tally.answered[k])
                    let e = EmpiricalBayes.shrinkShare(yes: x, n: n, parent: shrunk[p], strength: m)
                    shrunk[i] = e.shrunk
                    estimates[i][indicator.key] = IndicatorEstimate(raw: n > 0 ? r4(Double(x) / Double(n)) : nil, shrunk: r4(e.shrunk),
                                                                    n: n, low: r4(e.low), high: r4(e.high))
                }
            }
        }
        // Mean hours: normal-normal, within-cell variance pooled over the council cells.
        if national.hoursAnswered > 0 {
            var ss = 0.0, dof = 0
            for t in year.cells where t.hoursAnswered >= 2 {
                let n = Double(t.hoursAnswered), s = Double(t.hoursMilli)
                ss += max(0, Double(t.hoursMilliSquared) - s * s / n) / 1_000_000
                dof += t.hoursAnswered - 1
            }
            let variance = dof > 0 ? ss / Double(dof) : 0
            func mean(_ t: NeedCellTally) -> Double { Double(t.hoursMilli) / 1000 / Double(max(t.hoursAnswered, 1)) }
            shrunk[0] = mean(national)
            var meanVariance = Array(repeating: 0.0, count: units.count)
            meanVariance[0] = variance / Double(national.hoursAnswered)
            let sd0 = meanVariance[0].squareRoot()
            estimates[0]["mean_hours"] = IndicatorEstimate(raw: r4(shrunk[0]), shrunk: r4(shrunk[0]), n: national.hoursAnswered,
                                                           low: r4(max(0, shrunk[0] - WilsonInterval.z95 * sd0)), high: r4(shrunk[0] + WilsonInterval.z95 * sd0))
            for level in levels {
                let members = units.indices.filter { units[$0].level == level }
                let meanUnits = members.compactMap { i -> EmpiricalBayes.MeanUnit? in
                    guard let p = units[i].parent, units[i].tally.hoursAnswered > 0 else { return nil }
                    return .init(mean: mean(units[i].tally), n: units[i].tally.hoursAnswered, parent: shrunk[p])
                }
                let n0 = EmpiricalBayes.meanStrength(meanUnits, withinVariance: variance, limits: config.limits)
                strengths[level, default: [:]]["mean_hours"] = r4(n0)
                for i in members {
                    guard let p = units[i].parent else { continue }
                    let n = units[i].tally.hoursAnswered
                    let (e, v) = EmpiricalBayes.shrinkMean(mean: mean(units[i].tally), n: n, parent: shrunk[p], parentVariance: meanVariance[p],
                                                           strength: n0, withinVariance: variance)
                    shrunk[i] = e.shrunk
                    meanVariance[i] = v
                    estimates[i]["mean_hours"] = IndicatorEstimate(raw: n > 0 ? r4(mean(units[i].tally)) : nil, shrunk: r4(e.shrunk),
                                                                   n: n, low: r4(e.low), high: r4(e.high))
                }
            }
        }
        self.strengths = strengths

        // Composite index: each indicator's position among the council cells that have responses,
        // through SIMD's exponential transform, then a weighted mean.
        let reference = units.indices.filter { units[$0].level == "council" && units[$0].tally.responses > 0 }
        referenceCount = reference.count
        var weights: [String: Double] = [:]
        for (key, w) in config.indexWeights where w > 0 && estimates[0][key] != nil { weights[key] = w }
        usedWeights = weights
        let weightTotal = weights.values.reduce(0, +)
        var sortedRef: [String: [Double]] = [:]
        for key in weights.keys {
            sortedRef[key] = reference.compactMap { estimates[$0][key].map { Self.oriented(key, $0.shrunk) } }.sorted()
        }
        var rows: [NeedRow] = []
        for (i, unit) in units.enumerated() {
            var index = 0.0
            if weightTotal > 0 {
                for key in weights.keys.sorted() {
                    guard let w = weights[key], let e = estimates[i][key], let ref = sortedRef[key], !ref.isEmpty else { continue }
                    let r = Self.midrankFraction(Self.oriented(key, e.shrunk), in: ref)
                    index += w * NeedModel.exponentialTransform(r)
                }
                index /= weightTotal
            }
            rows.append(NeedRow(
                level: unit.level, group: unit.group.map { Taxonomy.learnerGroup.code(at: $0) }, area: unit.area,
                areaName: unit.areaName, ric: unit.ric, year: year.year, responses: unit.tally.responses,
                needIndex: Rounding.round(index, places: 2), fewResponses: unit.tally.responses < config.fewResponses,
                indicators: estimates[i], trend: []))
        }
        self.rows = rows
        var byKey: [String: NeedRow] = [:]
        for row in rows { byKey[row.key] = row }
        rowByKey = byKey
    }

    /// Higher = more need: low hours are need, so hours are negated.
    private static func oriented(_ key: String, _ value: Double) -> Double { key == "mean_hours" ? -value : value }

    /// (values below + half the values equal) / count: where `v` falls among the reference cells.
    private static func midrankFraction(_ v: Double, in sorted: [Double]) -> Double {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < v { lo = mid + 1 } else { hi = mid } }
        var eq = lo
        while eq < sorted.count && sorted[eq] == v { eq += 1 }
        return (Double(lo) + 0.5 * Double(eq - lo)) / Double(sorted.count)
    }
}

@inline(__always) private func r4(_ v: Double) -> Double { Rounding.round(v) }
