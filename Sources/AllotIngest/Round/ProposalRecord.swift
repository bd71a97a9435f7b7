import AllotCore
import Foundation

/// One field of a proposal as found in a file, CSV cell or JSON value, with its place.
struct RawField {
    let value: JSONNode.Value
    let place: RoundInputPlace

    /// The value as written, for error messages.
    var shown: String {
        switch value {
        case let .string(s): s
        case let .number(_, text): text
        case let .bool(b): b ? "true" : "false"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Trimmed text; numbers and booleans as written; nil for lists, objects and null.
    var text: String? {
        switch value {
        case let .string(s): s.trimmingCharacters(in: .whitespaces)
        case .number, .bool: shown
        default: nil
        }
    }

    /// A finite number from a JSON number or a numeric text.
    var number: Double? {
        switch value {
        case let .number(n, _): return n
        case let .string(s):
            guard let n = Double(s.trimmingCharacters(in: .whitespaces)), n.isFinite else { return nil }
            return n
        default: return nil
        }
    }

    /// true/false, yes/no, y/n, 1/0.
    var bool: Bool? {
        switch value {
        case let .bool(b): return b
        case let .number(n, _): return n == 1 ? true : n == 0 ? false : nil
        case let .string(s):
            switch WordingKey.normalise(s) {
            case "true", "yes", "y", "1": return true
            case "false", "no", "n", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// The items of a list field: a JSON list item by item, or a text split on `;` (blank items skipped).
    var items: [RawField] {
        switch value {
        case let .array(nodes):
            return nodes.enumerated().map { RawField(value: $1.value, place: place.child("[\($0)]", line: $1.line)) }
        case let .string(s):
            return s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { RawField(value: .string($0), place: place) }
        case .null: return []
        default: return [self]
        }
    }

    /// A member of a JSON object field.
    func member(_ name: String) -> RawField? {
        guard case let .object(members) = value else { return nil }
        guard let m = members.first(where: { RoundCSVTable.fieldKey($0.key) == name }) else { return nil }
        return RawField(value: m.node.value, place: place.child(".\(m.key)", line: m.node.line))
    }
}

/// A proposal record before checking: its fields by canonical name, and where the record is.
struct RawRecord {
    let place: RoundInputPlace
    let fields: [String: RawField]
    /// Why the record cannot be read at all (a CSV row whose field count differs from the header's).
    var unreadable: RoundInputError? = nil

    /// The field, nil when absent, null or blank.
    subscript(_ name: String) -> RawField? {
        guard let f = fields[name] else { return nil }
        switch f.value {
        case .null: return nil
        case let .string(s) where s.trimmingCharacters(in: .whitespaces).isEmpty: return nil
        default: return f
        }
    }

    /// Where a missing field would have been: its (blank) CSV cell, or the record's JSON path plus the name.
    func placeOfMissing(_ name: String) -> RoundInputPlace {
        fields[name]?.place ?? place.child(".\(name)", line: place.line)
    }
}

extension RoundInputPlace {
    /// A place inside this JSON value (`$[3]` -> `$[3].requested`); CSV places stay the cell.
    func child(_ suffix: String, line: Int) -> RoundInputPlace {
        guard let path else { return self }
        return RoundInputPlace(file: file, line: line, path: path + suffix)
    }
}
