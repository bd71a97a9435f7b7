import AllotCore
import Testing

@Suite("Applicant keys")
struct ApplicantKeyTests {
    @Test("spellings of one applicant share a key", arguments: [
        ("Fife STEM Network", "FIFE STEM NETWORK"),
        ("Fife STEM Network", "  Fife   STEM\tNetwork  "),
        ("Fife STEM Network", "Fife STEM Network."),
        ("St Andrew's Science Hub", "St Andrew\u{2019}s Science Hub"),
        ("\"Wee\" Makers", "\u{201C}Wee\u{201D} Makers"),
        ("Perth-Kinross Learning", "Perth\u{2013}Kinross Learning"),
        ("Café Scientifique", "Cafe\u{0301} Scientifique"),
        ("Scientific Fife", "Scienti\u{FB01}c Fife"),
        ("Highland Science", "\u{FF28}ighland\u{00A0}Science"),
        ("SSERC", "sserc."),
    ])
    func spellingsShareAKey(_ a: String, _ b: String) {
        #expect(ApplicantKey(a) == ApplicantKey(b), "\(ApplicantKey(a)) against \(ApplicantKey(b))")
    }

    @Test("different applicants keep different keys", arguments: [
        ("Fife STEM Network", "Fife STEM Networks"),
        ("Fife STEM", "Fife-STEM"),
        ("A.B. Science", "AB Science"),
        ("Highland Science", "Highland  Science Festival"),
    ])
    func differentApplicantsStayApart(_ a: String, _ b: String) {
        #expect(ApplicantKey(a) != ApplicantKey(b))
    }

    @Test("the key of a key is the key", arguments: [
        "  FIFE  STEM Network.. ", "Cafe\u{0301}", "\u{0130}stanbul STEM", "Scienti\u{FB01}c", "\u{FF28}IGHLAND", "O\u{2019}Neill & Co.",
    ])
    func keysAreIdempotent(_ name: String) {
        let key = ApplicantKey(name)
        #expect(ApplicantKey(key.value) == key)
    }

    @Test("an applicant's display name is its most frequent spelling, ties to the first sorted, whatever the order")
    func displayNamesAreDeterministic() {
        let rows: [(id: String, applicant: String)] = [
            ("P-3", "Fife STEM Network"), ("P-1", "FIFE STEM NETWORK"), ("P-2", "Fife STEM Network."),
            ("P-4", "Fife STEM Network"), ("P-5", "Orkney Makers"), ("P-6", "orkney makers"),
        ]
        let forward = ApplicantDirectory(rows)
        let backward = ApplicantDirectory(Array(rows.reversed()))
        #expect(forward.entries == backward.entries)
        #expect(forward.entries.map(\.name) == ["Fife STEM Network", "Orkney Makers"])
        #expect(forward.entries[0].spellings == ["FIFE STEM NETWORK", "Fife STEM Network", "Fife STEM Network."])
        #expect(forward.entries[0].proposals == ["P-1", "P-2", "P-3", "P-4"])
        #expect(forward.displayName(of: "fife  stem network") == "Fife STEM Network")
        #expect(forward.displayName(of: "Someone Else") == "Someone Else")
    }
}
