/// A UK postcode in its normal form ("EH1 1YZ"), validated against the Royal Mail format.
public struct Postcode: Sendable, Hashable, CustomStringConvertible {
    /// Outward and inward code separated by one space, upper case.
    public let normalised: String

    /// The postcode in `text`, or nil when `text` is not a UK postcode (e.g. a street or setting name).
    public init?(_ text: String) {
        var text = text
        guard let postcode = text.withUTF8({ Postcode(utf8: $0) }) else { return nil }
        self = postcode
    }

    /// The postcode in the UTF-8 bytes `text`, or nil. Reads the bytes where they are and builds one small string
    /// (a survey file has a postcode on every row; the version that built arrays and a `Set` per call was a tenth of
    /// a million-row read).
    public init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        // At most seven letters and digits, packed into a word, spaces and tabs skipped.
        var packed: UInt64 = 0
        var count = 0
        for b in text {
            let c: UInt8
            switch b {
            case UInt8(ascii: " "), 0x09: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): c = b - 32
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): c = b
            default: return nil
            }
            if count == 7 { return nil }
            packed |= UInt64(c) << UInt64(8 * count)
            count += 1
        }
        guard count >= 5, Postcode.isValid(packed, count: count) else { return nil }
        // Outward code, one space, inward code: at most 8 bytes, so Swift keeps the string inline.
        let outwardCount = count - 3
        let spaced = (packed & ((1 << UInt64(8 * outwardCount)) &- 1))
            | (0x20 << UInt64(8 * outwardCount))
            | ((packed >> UInt64(8 * outwardCount)) << UInt64(8 * (outwardCount + 1)))
        normalised = withUnsafeBytes(of: spaced.littleEndian) { String(decoding: $0[0...count], as: UTF8.self) }
    }

    public var description: String { normalised }

    /// The outward code ("EH1").
    public var outward: String { String(normalised.split(separator: " ")[0]) }

    private static func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Inward letters never use C, I, K, M, O or V.
    private static func isInwardLetter(_ b: UInt8) -> Bool {
        isLetter(b) && b != 67 && b != 73 && b != 75 && b != 77 && b != 79 && b != 86
    }

    /// Outward: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA (and the special GIR 0AA). `packed` holds `count` upper-case
    /// letters and digits, the first in the lowest byte.
    private static func isValid(_ packed: UInt64, count: Int) -> Bool {
        func at(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: packed >> UInt64(8 * i)) }
        // "GIR0AA", first byte lowest.
        if count == 6 && packed == 0x4141_3052_4947 { return true }
        let o = count - 3
        guard isDigit(at(o)), isInwardLetter(at(o + 1)), isInwardLetter(at(o + 2)) else { return false }
        switch o {
        case 2: return isLetter(at(0)) && isDigit(at(1))
        case 3:
            return isLetter(at(0)) && (
                (isDigit(at(1)) && isDigit(at(2))) ||
                (isLetter(at(1)) && isDigit(at(2))) ||
                (isDigit(at(1)) && isLetter(at(2))))
        case 4:
            return isLetter(at(0)) && isLetter(at(1)) && isDigit(at(2)) && (isDigit(at(3)) || isLetter(at(3)))
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
