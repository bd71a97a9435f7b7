import AllotCore
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
