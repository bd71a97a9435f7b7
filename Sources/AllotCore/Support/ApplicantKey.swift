import Foundation

/// Who an applicant is, whatever the spelling: the one comparison key for applicant names wherever two of them are
/// compared (applicant caps, conflicts from a file or the API, a reviewer's scope, the webhook audience gate, supply
/// returns and their aliases). Names are typed by hand in proposal forms, conflict lists and providers' returns, so
/// one organisation arrives in several spellings; each rule below removes one way they differ:
///
/// - Unicode compatibility normalisation (NFKC): a name pasted from a word processor or a PDF may carry a composed
///   or a decomposed accent, a ligature (ﬁ), full-width letters or a non-breaking space, which look the same as
///   the plain form but are different scalars.
/// - Curly quotes and primes as straight quotes, en and em dashes as hyphens: word processors replace the
///   apostrophe in "St Andrew's" and the hyphen in "Perth-Kinross" as they are typed.
/// - Case (Unicode lower-case mapping): "SSERC", "Sserc" and "sserc" are one body; upper-casing a name must never
///   make a second applicant (it would let one applicant past the cap).
/// - Surrounding whitespace dropped and every run of whitespace read as one space: spreadsheet cells keep stray
///   and doubled spaces, and line breaks inside quoted cells.
/// - A trailing full stop dropped: "Fife STEM Network Ltd." and "Fife STEM Network Ltd" are one company.
///
/// The key is idempotent (`ApplicantKey(key.value) == key`), so stored keys can be compared with fresh ones.
public struct ApplicantKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The normalised text; two names are the same applicant exactly when their values are equal.
    public let value: String

    /// The key of an applicant name as written.
    public init(_ name: String) {
        value = Self.normalise(name)
    }

    public var description: String { value }

    public static func < (a: ApplicantKey, b: ApplicantKey) -> Bool { a.value < b.value }

    private static func normalise(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.precomposedStringWithCompatibilityMapping.unicodeScalars {
            var s = scalar
            switch s.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: s = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: s = "\""
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: s = "-"
            default: break
            }
            if s.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(s)
        }
        // Lower-casing can decompose (e.g. U+0130); composing again keeps the key idempotent.
        var result = String(out).lowercased().precomposedStringWithCompatibilityMapping
        while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
