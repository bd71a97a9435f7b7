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

/// IPv4-mapped IPv6 addresses are their IPv4 address for the guard: the ranges, the allow-list and the refusal's
/// advice agree; and a URL's password never appears in an error (they are logged and stored as `last_error`).
@Suite("Mapped addresses and redaction") struct MappedAddressTests {
    @Test("With 127.0.0.1/32 allow-listed, ::ffff:127.0.0.1 and [::ffff:7f00:1] are allowed as 127.0.0.1")
    func mappedFormsFollowTheIPv4AllowList() throws {
        let policy = try TargetPolicy(allowing: ["127.0.0.1/32"])
        for url in ["http://[::ffff:127.0.0.1]:8080/hook", "http://[::ffff:7f00:1]:8080/hook"] {
            let target = try policy.resolve(url)
            #expect(target.addresses.map(\.unmapped.description) == ["127.0.0.1"], "\(url)")
        }
        // Not allow-listed: the refusal names the IPv4 entry, which is the one that would let it through.
        for url in ["http://[::ffff:10.0.0.1]/hook", "http://[::ffff:a00:1]/hook"] {
            do {
                _ = try TargetPolicy().resolve(url)
                Issue.record("\(url) was accepted")
            } catch let error as WebhookError {
                guard case let .targetRefused(_, address, range) = error else { Issue.record("unexpected \(error)"); continue }
                #expect(address == "10.0.0.1")
                #expect(range == "private")
                #expect(error.description.contains("\"10.0.0.1/32\""), "\(error.description)")
                let advised = try TargetPolicy(allowing: ["10.0.0.1/32"])
                #expect(throws: Never.self) { _ = try advised.resolve(url) }
            }
        }
        // An allow-list entry written as a mapped range is the IPv4 range.
        let mapped = try TargetPolicy(allowing: ["::ffff:127.0.0.1/128"])
        #expect(throws: Never.self) { _ = try mapped.resolve("http://127.0.0.1:8080/hook") }
        #expect(throws: Never.self) { _ = try mapped.resolve("http://[::ffff:127.0.0.1]:8080/hook") }
        #expect(CIDR("::ffff:10.0.0.0/104")?.description == "10.0.0.0/8")
    }

    @Test("A control character in a URL is refused, and a URL's password is *** in every error")
    func controlCharactersAndPasswords() {
        for url in ["http://example.org/a\r\nHost: evil", "http://example.org/\u{0}", "http://example.org/a b", "http://exa\tmple.org/"] {
            #expect(throws: WebhookError.self) { try TargetPolicy.validate(url: url) }
        }
        let errors: [WebhookError] = [
            .connectionFailed(url: "http://bob:hunter2@127.0.0.1:9/hook", detail: "refused"),
            .targetRefused(url: "https://bob:hunter2@10.0.0.1/hook", address: "10.0.0.1", range: "private"),
            .invalidURL("ftp://bob:hunter2@example.org/"),
            .timedOut(url: "http://bob:hunter2@example.org", detail: "connect to http://bob:hunter2@example.org failed"),
        ]
        for error in errors {
            #expect(!error.description.contains("hunter2"), "\(error.description)")
            #expect(error.description.contains("bob:***@"), "\(error.description)")
        }
        #expect(URLRedaction.redacted("https://example.org/a@b") == "https://example.org/a@b")
        #expect(URLRedaction.redacted("https://bob@example.org/") == "https://bob@example.org/")
    }
}
