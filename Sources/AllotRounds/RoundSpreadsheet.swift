import AllotCore
import AllotIngest

/// The panel's spreadsheet: one row per proposal, components and evidence headline figures. `applicant` is the merged
/// applicant's name (`ApplicantDirectory`), `applicant_as_written` the proposal's own spelling.
public enum RoundSpreadsheet {
    /// The spreadsheet as CSV text.
    public static func csv(_ r: RoundResult) -> String {
        let applicantNames = r.applicantNamesByProposal()
        var out: [UInt8] = []
        func write(_ fields: [String]) {
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                CSVWriter.append(f, to: &out)
            }
            out.append(0x0A)
        }
        let order = Criterion.allCases.map(\.rawValue)
        write(["rank", "id", "applicant", "applicant_as_written", "title", "requested", "minimum", "score", "value"] + order
                         + ["panel_raw", "panel_calibrated", "reviews", "projected_hours", "filled_weighted_hours", "flags", "recommended", "award",
                  "funded_probability", "near_line", "funded_at_request"])
        for entry in r.proposals {
            let p = entry.scored
            let head: [String] = [String(p.rank), p.id, applicantNames[p.id] ?? p.applicant, p.applicant, p.title, num(p.requested), p.minimum.map(num) ?? "", num(p.score), num(p.value)]
            let components: [String] = order.map { num(p.components[$0]?.value ?? 0) }
            let panel = p.evidence.panel
            let tail: [String] = [panel.map { num($0.rawScore) } ?? "", panel.map { num($0.calibratedScore) } ?? "", String(panel?.reviews ?? 0),
                                  num(p.evidence.projectedHours), num(p.evidence.filledWeightedHours), p.evidence.flags.joined(separator: "; ")]
            let decision: [String] = [entry.recommended.map { $0 ? "yes" : "no" } ?? "", entry.award.map(num) ?? "",
                                      entry.fundedProbability.map(num) ?? "", entry.nearLine.map { $0 ? "yes" : "no" } ?? "",
                                      entry.fundedAtRequest.map(num) ?? ""]
            write(head + components + tail + decision)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func num(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
