@testable import AllotWebhooks
import Testing

@Suite struct TargetPolicyTests {
    @Test func loopbackIsRefusedWithAllowListAdvice() throws {
        do {
            _ = try TargetPolicy().resolve("http://127.0.0.1:8080/hook")
            Issue.record("loopback was accepted")
        } catch let error as WebhookError {
            guard case let .targetRefused(_, address, range) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(address == "127.0.0.1")
            #expect(range == "loopback")
            #expect(error.description.contains("allow_targets"))
            #expect(error.description.contains("--allow-target 127.0.0.1/32"))
        }
    }

    @Test func anAllowListedAddressIsAccepted() throws {
        let target = try TargetPolicy(allowing: ["127.0.0.1/32"]).resolve("http://127.0.0.1:8080/hook")
        #expect(target.addresses.map(\.description) == ["127.0.0.1"])
        #expect(target.port == 8080)
    }

    @Test func hostNamesArePinnedToTheVettedAddresses() throws {
        let target = try TargetPolicy(allowing: ["127.0.0.0/8", "::1/128"]).resolve("https://localhost/hook")
        #expect(!target.addresses.isEmpty)
        #expect(target.resolvePins.first?.hasPrefix("localhost:443:") == true)
    }

    @Test func nonPublicRangesAreRecognised() throws {
        for text in ["10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                     "::1", "fe80::1", "fd12::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "224.0.0.1"] {
            let address = try #require(IPAddress(text))
            #expect(NonPublicRanges.classify(address) != nil, "\(text) should be non-public")
        }
        for text in ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"] {
            let address = try #require(IPAddress(text))
            #expect(NonPublicRanges.classify(address) == nil, "\(text) should be public")
        }
    }

    @Test func onlyHTTPAndHTTPSAreAccepted() {
        for url in ["ftp://example.org/x", "file:///etc/passwd", "gopher://example.org", "example.org/hook", "http://"] {
            #expect(throws: WebhookError.invalidURL(url)) { try TargetPolicy.validate(url: url) }
        }
    }

    @Test func cidrRangesMatchByPrefix() throws {
        let range = try #require(CIDR("10.0.0.0/8"))
        #expect(range.contains(try #require(IPAddress("10.255.1.1"))))
        #expect(!range.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(CIDR("10.0.0.0/33") == nil)
        #expect(CIDR("not-an-address") == nil)
    }
}
