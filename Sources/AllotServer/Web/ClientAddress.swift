import Foundation
import HTTPTypes
import Hummingbird
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The address a request came from, for the sign-in throttle. Behind a load balancer every request's peer is the
/// balancer, so one person's failures would lock everybody out; the balancer's `X-Forwarded-For` names the client,
/// but only a proxy the operator trusts (`web.trusted_proxies`) may be believed, or anyone could name any address.
enum ClientAddress {
    /// The peer, or, when the peer is a trusted proxy, the right-most `X-Forwarded-For` hop that is not one (each
    /// proxy appends the address it saw, so hops left of the first untrusted one are the client's own say-so).
    static func of(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String? {
        guard let peer, trusted.contains(canonical(peer) ?? peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            // A hop that is not an address ends the chain: the nearest trusted proxy is then the best answer.
            guard let address = canonical(hop) ?? canonical(withoutPort(hop)) else { return client }
            client = address
            if !trusted.contains(address) { return address }
        }
        return client
    }

    /// The request's client address under `trusted`.
    static func of(_ request: Request, _ context: AllotRequestContext, trusted: Set<String>) -> String? {
        of(peer: context.remoteAddress, forwardedFor: request.headers[values: .xForwardedFor], trusted: trusted)
    }

    /// A hop as some balancers write it, with the port they saw (`192.0.2.7:51234`, `[2001:db8::7]:51234`), without it.
    static func withoutPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") { return String(hop[hop.index(after: hop.startIndex)..<close]) }
        let parts = hop.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[0]) : hop
    }

    /// `text` as an IPv4 or IPv6 address in its canonical spelling (an IPv4-mapped IPv6 address as its IPv4), or nil.
    static func canonical(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0.map(String.init).joined(separator: ".") }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
