@testable import AllotServer
import Testing

@Suite("The sign-in throttle's client address behind a load balancer") struct ClientAddressTests {
    let balancer: Set<String> = ["10.0.0.5"]

    @Test("Without trusted proxies the peer is the client, whatever X-Forwarded-For claims")
    func peerWithoutTrust() {
        #expect(ClientAddress.of(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"], trusted: []) == "203.0.113.7")
        #expect(ClientAddress.of(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"], trusted: balancer) == "203.0.113.7",
                "a request straight from the internet cannot name another address")
    }

    @Test("Through a trusted balancer the client is the right-most hop that is not a trusted proxy")
    func rightMostUntrustedHop() {
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: ["198.51.100.1"], trusted: balancer) == "198.51.100.1")
        // The client wrote a made-up first hop; the balancer appended the address it really saw.
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: ["192.0.2.99, 198.51.100.1"], trusted: balancer) == "198.51.100.1")
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: ["198.51.100.1", "10.0.0.6"], trusted: ["10.0.0.5", "10.0.0.6"]) == "198.51.100.1",
                "two trusted proxies in a row, in two header lines")
        #expect(ClientAddress.of(peer: "::ffff:10.0.0.5", forwardedFor: ["2001:DB8::7"], trusted: balancer) == "2001:db8::7",
                "a mapped IPv4 peer and an IPv6 client, canonical")
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: ["198.51.100.1:51234"], trusted: balancer) == "198.51.100.1", "a hop with its port")
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: ["[2001:db8::7]:443"], trusted: balancer) == "2001:db8::7", "an IPv6 hop with its port")
    }

    @Test("A hop that is not an address, or no header at all, leaves the nearest trusted proxy as the client")
    func brokenChains() {
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: [], trusted: balancer) == "10.0.0.5")
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: ["<script>, unknown"], trusted: balancer) == "10.0.0.5")
        #expect(ClientAddress.of(peer: nil, forwardedFor: ["198.51.100.1"], trusted: balancer) == nil)
    }
}
