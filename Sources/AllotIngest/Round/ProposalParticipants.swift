import AllotCore
import Foundation

extension ProposalDecoder {
    static let sectorsExpected = "sector:participants pairs such as primary:120;elc:30 (in JSON also [{\"sector\": \"primary\", \"participants\": 120}])"
    static let countExpected = "a whole number of participants, 0 or more"

    /// Participants per learner group, in file order: each sector once, counts whole and >= 0, at least one in all.
    func participants(_ r: RawRecord, _ errors: inout [RoundInputError]) -> [(group: Int, count: Int)]? {
        guard let f = r["sectors"] else {
            errors.append(.missingField(place: r.placeOfMissing("sectors"), field: "sectors", expected: Self.sectorsExpected))
            return nil
        }
        var out: [(group: Int, count: Int)] = []
        var firstPlace: [Int: RoundInputPlace] = [:]
        var failed = false
        for item in f.items {
            guard let (sector, count) = pair(item, &errors) else { failed = true; continue }
            guard let text = sector.text, let group = sectorMatcher.match(text: text) else {
                errors.append(.invalidValue(place: sector.place, value: sector.shown, expected: sectorMatcher.expected))
                failed = true
                continue
            }
            guard let n = count.number, n >= 0, n == n.rounded(), n < 1e9 else {
                errors.append(.invalidValue(place: count.place, value: count.shown, expected: Self.countExpected))
                failed = true
                continue
            }
            if let first = firstPlace[group] {
                errors.append(.duplicate(place: sector.place, what: "sector '\(Taxonomy.learnerGroup.code(at: group))'", first: first))
                failed = true
                continue
            }
            firstPlace[group] = sector.place
            out.append((group, Int(n)))
        }
        guard !failed else { return nil }
        guard out.contains(where: { $0.count > 0 }) else {
            errors.append(.invalidValue(place: f.place, value: f.shown, expected: "at least one participant: " + Self.sectorsExpected))
            return nil
        }
        return out
    }

    /// The sector and count of one item: a JSON object or a `code:participants` text (split at the last colon).
    private func pair(_ item: RawField, _ errors: inout [RoundInputError]) -> (RawField, RawField)? {
        if case .object = item.value {
            guard let sector = item.member("sector") else {
                errors.append(.missingField(place: item.place.child(".sector", line: item.place.line), field: "sector", expected: sectorMatcher.expected))
                return nil
            }
            guard let count = item.member("participants"), count.text != nil else {
                errors.append(.missingField(place: item.place.child(".participants", line: item.place.line), field: "participants", expected: Self.countExpected))
                return nil
            }
            return (sector, count)
        }
        guard let text = item.text, let colon = text.lastIndex(of: ":") else {
            errors.append(.invalidValue(place: item.place, value: item.shown, expected: Self.sectorsExpected))
            return nil
        }
        let sector = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        let count = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard !count.isEmpty else {
            errors.append(.invalidValue(place: item.place, value: item.shown, expected: Self.sectorsExpected))
            return nil
        }
        return (RawField(value: .string(sector), place: item.place), RawField(value: .string(count), place: item.place))
    }
}
