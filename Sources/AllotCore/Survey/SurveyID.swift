/// What a survey id says: its kind (from the `practitioner-`, `technician-`, `cld-` prefix) and academic year.
public struct SurveyID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let id: String

    public init(_ id: String) { self.id = id }

    public var description: String { id }

    /// `practitioner`, `technician`, `cld`, or nil when the prefix is none of these.
    public var kind: String? {
        for kind in SurveyKind.known where id.hasPrefix(kind + "-") { return kind }
        return nil
    }

    /// The academic year `YYYY-YY` at the end of the id, e.g. `2017-18`, or nil.
    public var academicYear: String? {
        let parts = id.split(separator: "-")
        guard parts.count >= 2 else { return nil }
        let start = parts[parts.count - 2], end = parts[parts.count - 1]
        guard start.count == 4, end.count == 2 || end.count == 4,
              let s = Int(start), let e = Int(end) else { return nil }
        guard (e % 100) == (s + 1) % 100 else { return nil }
        return "\(start)-\(end.suffix(2))"
    }

    /// The year the academic year starts in, for ordering years (unknown years sort first).
    public var startYear: Int { academicYear.flatMap { Int($0.prefix(4)) } ?? 0 }

    public static func < (lhs: SurveyID, rhs: SurveyID) -> Bool {
        (lhs.startYear, lhs.id) < (rhs.startYear, rhs.id)
    }
}

/// Survey kinds known to the taxonomy.
public enum SurveyKind {
    public static let known = ["practitioner", "technician", "cld"]
}

/// Learner groups of the need model, derived per response (documented in the README):
/// a technician survey or the role `technician` -> `technician`; the role `classroom-assistant`
/// -> `classroom-assistant`; otherwise the sector.
public enum LearnerGroup {
    public static func derive(surveyKind: String?, sector: Int, role: Int?) -> Int {
        let codes = Taxonomy.sector
        if surveyKind == "technician" || role.map({ Taxonomy.role.code(at: $0) == "technician" }) == true {
            return codes.index(of: "technician") ?? sector
        }
        if role.map({ Taxonomy.role.code(at: $0) == "classroom-assistant" }) == true {
            return codes.index(of: "classroom-assistant") ?? sector
        }
        return sector
    }
}
