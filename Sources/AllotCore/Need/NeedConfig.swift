/// Settings of the need model (`Config/need.yaml`).
public struct NeedConfig: Sendable, Equatable {
    /// Indicator key -> weight in the composite need index (weights are renormalised over the
    /// indicators a year actually has, e.g. without enrichment the rurality and SIMD weights drop out).
    public var indexWeights: [String: Double]
    public var limits: EmpiricalBayes.Limits
    /// Cells with fewer responses than this are marked `few_responses` (still shown).
    public var fewResponses: Int

    public init(indexWeights: [String: Double] = NeedConfig.defaultWeights, limits: EmpiricalBayes.Limits = .init(), fewResponses: Int = 10) {
        self.indexWeights = indexWeights
        self.limits = limits
        self.fewResponses = fewResponses
    }

    public static let defaultWeights: [String: Double] = [
        "mean_hours": 0.25, "access_difficult": 0.15, "no_suitable_pl": 0.15, "insufficient_choice": 0.10,
        "not_confident": 0.20, "remote_rural": 0.075, "simd_q1": 0.075,
    ]
}
