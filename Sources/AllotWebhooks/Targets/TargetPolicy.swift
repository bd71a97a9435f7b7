import Foundation

/// A URL whose addresses passed the policy, with the pins that make libcurl connect to exactly those.
struct ResolvedTarget: Sendable, Equatable {
    var host: String
    var port: Int
    var addresses: [IPAddress]

    /// CURLOPT_RESOLVE entries (`host:port:addr,...`): libcurl then skips its own lookup, so a DNS answer that
    /// changes between our check and the connect (rebinding) cannot redirect the request.
    var resolvePins: [String] {
        guard IPAddress(host) == nil, !addresses.isEmpty else { return [] }
        let list = addresses.map { $0.isIPv4 ? "\($0)" : "[\($0)]" }.joined(separator: ",")
        return ["\(host):\(port):\(list)"]
    }
}

/// The SSRF guard: http(s) only, and every address a target resolves to must be public or allow-listed.
public struct TargetPolicy: Sendable, Equatable {
    /// Ranges allowed even though they are not public (e.g. `127.0.0.1/32` for a local receiver).
    public var allowList: [CIDR]

    /// Creates a policy with the given allow-list.
    public init(allowList: [CIDR] = []) {
        self.allowList = allowList
    }

    /// Parses allow-list entries such as `127.0.0.1/32` or `10.1.2.3`.
    public init(allowing entries: [String]) throws {
        allowList = try entries.map { entry in
            guard let range = CIDR(entry) else {
                throw WebhookError.invalidConfig("allow_targets entry \(entry) is not an address or CIDR range")
            }
            return range
        }
    }

    /// Checks the URL's scheme and host without resolving it (for config validation).
    public static func validate(url text: String) throws {
        _ = try parse(text)
    }

    /// Resolves `url` and vets every address; blocking (getaddrinfo), so call it off the cooperative pool.
    func resolve(_ text: String) throws -> ResolvedTarget {
        let (host, port) = try Self.parse(text)
        let addresses = try IPAddress(host).map { [$0] } ?? HostResolver.addresses(of: host, port: port)
        for address in addresses {
            // An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is its IPv4 address, for the ranges, the allow-list
            // and the refusal's advice alike.
            if let range = NonPublicRanges.classify(address), !allowList.contains(where: { $0.contains(address) }) {
                throw WebhookError.targetRefused(url: text, address: "\(address.unmapped)", range: range)
            }
        }
        return ResolvedTarget(host: host, port: port, addresses: addresses)
    }

    /// The longest URL an endpoint may have.
    public static let maxURLLength = 2_048

    private static func parse(_ text: String) throws -> (host: String, port: Int) {
        // A control character (CR/LF above all) or a space would let the URL split a request line or a header.
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " || $0 == "\u{7F}" }) else {
            throw WebhookError.invalidURL(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let rawHost = components.host, !rawHost.isEmpty
        else { throw WebhookError.invalidURL(text) }
        let host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        return (host, components.port ?? (scheme == "https" ? 443 : 80))
    }
}

/// getaddrinfo, returning every address of a host.
enum HostResolver {
    static func addresses(of host: String, port: Int) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw WebhookError.unresolvable(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    var v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    found.append(IPAddress(bytes: withUnsafeBytes(of: &v4) { Array($0) }))
                case AF_INET6:
                    var v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    found.append(IPAddress(bytes: withUnsafeBytes(of: &v6) { Array($0) }))
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        // Preserve order, drop duplicates (one per socket type is common).
        var seen = Set<IPAddress>()
        return found.filter { seen.insert($0).inserted }
    }
}
