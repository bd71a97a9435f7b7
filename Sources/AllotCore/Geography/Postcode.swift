/// A UK postcode in its normal form ("EH1 1YZ"), validated against the Royal Mail format.
public struct Postcode: Sendable, Hashable, CustomStringConvertible {
    /// Outward and inward code separated by one space, upper case.
    public let normalised: String

    /// The postcode in `text`, or nil when `text` is not a UK postcode (e.g. a street or setting name).
    public init?(_ text: String) {
        var chars: [UInt8] = []
        chars.reserveCapacity(8)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: " "), 0x09: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): chars.append(b - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): chars.append(b)
            default: return nil
            }
            if chars.count > 7 { return nil }
        }
        guard chars.count >= 5, Postcode.isValid(chars) else { return nil }
        let outward = String(decoding: chars[0..<(chars.count - 3)], as: UTF8.self)
        let inward = String(decoding: chars[(chars.count - 3)...], as: UTF8.self)
        normalised = outward + " " + inward
    }

    public var description: String { normalised }

    /// The outward code ("EH1").
    public var outward: String { String(normalised.split(separator: " ")[0]) }

    private static func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Outward: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA (and the special GIR 0AA).
    private static func isValid(_ c: [UInt8]) -> Bool {
        if c == Array("GIR0AA".utf8) { return true }
        let inward = c[(c.count - 3)...]
        let i = inward.startIndex
        guard isDigit(inward[i]), isLetter(inward[i + 1]), isLetter(inward[i + 2]) else { return false }
        // Inward letters never use C, I, K, M, O or V.
        let forbidden: Set<UInt8> = Set("CIKMOV".utf8)
        if forbidden.contains(inward[i + 1]) || forbidden.contains(inward[i + 2]) { return false }
        let outward = Array(c[0..<(c.count - 3)])
        switch outward.count {
        case 2: return isLetter(outward[0]) && isDigit(outward[1])
        case 3:
            return isLetter(outward[0]) && (
                (isDigit(outward[1]) && isDigit(outward[2])) ||
                (isLetter(outward[1]) && isDigit(outward[2])) ||
                (isDigit(outward[1]) && isLetter(outward[2])))
        case 4:
            return isLetter(outward[0]) && isLetter(outward[1]) && isDigit(outward[2])
                && (isDigit(outward[3]) || isLetter(outward[3]))
        default: return false
        }
    }
}

/// What an official postcode lookup says about a postcode. Every field is optional: lookups differ.
public struct PostcodeEnrichment: Sendable, Hashable, Codable {
    public var dataZone: String?
    /// Index into `Geography.councils`.
    public var council: Int?
    public var simdRank: Int?
    public var simdDecile: Int?
    public var simdQuintile: Int?
    /// Scottish Government 6-fold urban/rural class, 1 (large urban) to 6 (remote rural).
    public var urbanRural6: Int?

    public init(dataZone: String? = nil, council: Int? = nil, simdRank: Int? = nil, simdDecile: Int? = nil,
                simdQuintile: Int? = nil, urbanRural6: Int? = nil) {
        self.dataZone = dataZone
        self.council = council
        self.simdRank = simdRank
        self.simdDecile = simdDecile
        self.simdQuintile = simdQuintile
        self.urbanRural6 = urbanRural6
    }

    /// Fills the fields this one lacks from `other` (several lookup files join on the postcode).
    public mutating func merge(_ other: PostcodeEnrichment) {
        dataZone = dataZone ?? other.dataZone
        council = council ?? other.council
        simdRank = simdRank ?? other.simdRank
        simdDecile = simdDecile ?? other.simdDecile
        simdQuintile = simdQuintile ?? other.simdQuintile
        urbanRural6 = urbanRural6 ?? other.urbanRural6
    }
}

/// The Scottish Government 6-fold urban/rural classification.
public enum UrbanRural6 {
    public static let labels: [Int: String] = [
        1: "Large urban areas", 2: "Other urban areas", 3: "Accessible small towns",
        4: "Remote small towns", 5: "Accessible rural", 6: "Remote rural",
    ]
    /// The class counted as "remote rural" by the need model.
    public static let remoteRural = 6
}

/// Postcode -> enrichment, built from official lookup files by the ingest layer.
public struct PostcodeLookup: Sendable {
    public let entries: [String: PostcodeEnrichment]
    /// Names of the loaded sources, for reports.
    public let sources: [String]
    /// Whether any entry carries the urban/rural class, and the SIMD quintile.
    public let providesUrbanRural: Bool
    public let providesSIMD: Bool

    public init(entries: [String: PostcodeEnrichment] = [:], sources: [String] = []) {
        self.entries = entries
        self.sources = sources
        providesUrbanRural = entries.values.contains { $0.urbanRural6 != nil }
        providesSIMD = entries.values.contains { $0.simdQuintile != nil }
    }

    public func enrichment(for postcode: Postcode) -> PostcodeEnrichment? { entries[postcode.normalised] }
}
