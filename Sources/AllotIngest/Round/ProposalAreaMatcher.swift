import AllotCore
import Foundation

/// Matches a proposal's area texts: `national`, `ric:CODE` (a RIC code or name), or a council through the mapping.
struct ProposalAreaMatcher {
    private let councils: AnswerMatcher
    private let rics: [String: String]

    init(mapping: SurveyMapping) {
        councils = AnswerMatcher.councils(mapping: mapping)
        var rics: [String: String] = [:]
        for code in Geography.rics {
            rics[WordingKey.normalise(code)] = code
            if let name = Geography.ricNames[code] { rics[WordingKey.normalise(name)] = code }
        }
        self.rics = rics
    }

    static let expected = "a council area (name, GSS code or variant), ric:CODE with a RIC code (\(Geography.rics.joined(separator: ", "))), or national"

    /// The area `text` names, or nil.
    func match(_ text: String) -> ProposalArea? {
        let key = WordingKey.normalise(text)
        if key == "national" { return .national }
        if key.hasPrefix("ric:") {
            let ric = String(key.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            return rics[ric].map { .ric($0) }
        }
        return councils.match(text: text).map { .council($0) }
    }
}
