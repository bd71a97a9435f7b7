/// The one check of criterion weights and score scales, wherever they enter: `Config/scoring.yaml`, a round file, and
/// the daemon's round create/update and run. Each caller only says where the value came from (file and key, or JSON path).
public enum ScoringSettingsCheck {
    /// What is wrong, at `key` relative to the settings (`weights.need_alignment`, `score_scale`).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let key: String
        public let message: String
        public var description: String { "\(key): \(message)" }

        public init(key: String, message: String) {
            self.key = key
            self.message = message
        }
    }

    /// The largest weight and the largest magnitude of a score-scale end: far beyond any real round, small enough that
    /// no sum or difference of them overflows or loses the scale's resolution.
    public static let maximumWeight = InputLimits.maxWeight
    public static let maximumScaleMagnitude = InputLimits.maxScoreScale

    /// Weights by criterion name; an unknown name or a weight that is not a finite number from 0 to `maximumWeight` is a problem.
    /// Names are checked in sorted order, so the problem reported never depends on dictionary order.
    public static func weights(_ raw: [String: Double]) throws(Problem) -> [Criterion: Double] {
        var out: [Criterion: Double] = [:]
        for name in raw.keys.sorted() {
            let w = raw[name] ?? 0
            guard let c = Criterion(rawValue: name) else {
                throw Problem(key: "weights.\(name)", message: "unknown criterion; expected \(Criterion.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard w.isFinite, w >= 0, w <= maximumWeight else {
                throw Problem(key: "weights.\(name)", message: "must be a number from 0 to \(Int(maximumWeight))")
            }
            out[c] = w
        }
        return out
    }

    /// `[lowest, highest]`: two finite numbers, lowest below highest, each within +-`maximumScaleMagnitude`.
    public static func scoreScale(_ raw: [Double]) throws(Problem) -> ClosedRange<Double> {
        guard raw.count == 2, raw.allSatisfy({ $0.isFinite && abs($0) <= maximumScaleMagnitude }), raw[0] < raw[1] else {
            throw Problem(key: "score_scale", message: "expected [lowest, highest], two numbers from -\(Int(maximumScaleMagnitude)) to \(Int(maximumScaleMagnitude)) with lowest below highest, e.g. [1, 5]")
        }
        return raw[0]...raw[1]
    }
}
