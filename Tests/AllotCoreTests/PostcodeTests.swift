import AllotCore
import Foundation
import Testing

@Suite struct PostcodeTests {
    @Test func postcodesAreNormalisedToOneSpaceAndUpperCase() {
        #expect(Postcode("eh11yz")?.normalised == "EH1 1YZ")
        #expect(Postcode(" G12  6ZG ")?.normalised == "G12 6ZG")
        #expect(Postcode("ka7 1ab")?.outward == "KA7")
        #expect(Postcode("W1A 0AX")?.normalised == "W1A 0AX")
    }

    @Test func streetAndSettingNamesAreNotPostcodes() {
        #expect(Postcode("Main Street") == nil)
        #expect(Postcode("St Mary's Primary") == nil)
        #expect(Postcode("EH1") == nil)
        #expect(Postcode("12345") == nil)
        // Inward letters never use C, I, K, M, O or V.
        #expect(Postcode("EH1 1CI") == nil)
    }
}

/// The byte-level parser against the rules written out plainly, on many generated strings.
@Suite struct PostcodeParserTests {
    /// The Royal Mail format as the first version checked it, with arrays and sets.
    private func reference(_ text: String) -> String? {
        var chars: [UInt8] = []
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: " "), 0x09: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): chars.append(b - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): chars.append(b)
            default: return nil
            }
        }
        guard (5...7).contains(chars.count) else { return nil }
        let s = String(decoding: chars, as: UTF8.self)
        let outward = String(s.dropLast(3)), inward = String(s.suffix(3))
        if s == "GIR0AA" { return "GIR 0AA" }
        let letter = "[A-Z]", digit = "[0-9]", inwardLetter = "[ABDEFGHJLNPQRSTUWXYZ]"
        let outwardForms = ["\(letter)\(digit)", "\(letter)\(digit)\(digit)", "\(letter)\(letter)\(digit)",
                            "\(letter)\(letter)\(digit)\(digit)", "\(letter)\(digit)\(letter)", "\(letter)\(letter)\(digit)\(letter)"]
        guard inward.range(of: "^\(digit)\(inwardLetter)\(inwardLetter)$", options: .regularExpression) != nil,
              outwardForms.contains(where: { outward.range(of: "^\($0)$", options: .regularExpression) != nil }) else { return nil }
        return outward + " " + inward
    }

    @Test func theParserAgreesWithTheWrittenRulesOnGeneratedStrings() {
        var generator = SeededRandom(seed: 42)
        let alphabet = Array("ABCEGHIKMOVWXYZabckmo0123456789 \t-é")
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), digits = Array("0123456789")
        // Postcode shapes (L letter, D digit), each position sometimes replaced by any character, with spaces.
        let shapes = ["LD", "LDD", "LLD", "LLDD", "LDL", "LLDL", "L", "LLLD"].map { Array($0 + "DLL") }
        var valid = 0
        for _ in 0..<50_000 {
            var chars: [Character] = []
            for kind in shapes[Int(generator.next() % UInt64(shapes.count))] {
                let pool = generator.next() % 8 == 0 ? alphabet : (kind == "L" ? letters : digits)
                chars.append(pool[Int(generator.next() % UInt64(pool.count))])
                if generator.next() % 10 == 0 { chars.append(" ") }
            }
            let text = String(chars)
            let expected = reference(text)
            #expect(Postcode(text)?.normalised == expected, "\(text)")
            if expected != nil { valid += 1 }
        }
        // Enough of the strings are postcodes for the comparison to mean something.
        #expect(valid > 500)
        #expect(Postcode("GIR 0AA")?.normalised == "GIR 0AA")
        #expect(Postcode("EH1 1YZ X") == nil)
    }
}
