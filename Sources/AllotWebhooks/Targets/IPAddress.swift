import Foundation

/// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// Network-order bytes.
    public let bytes: [UInt8]

    /// Parses dotted IPv4 or textual IPv6 (brackets allowed); nil if neither.
    public init?(_ text: String) {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, bare, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    /// Wraps raw bytes (4 or 16 of them).
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether this is IPv4.
    public var isIPv4: Bool { bytes.count == 4 }

    /// The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:a.b.c.d`), else self.
    public var unmapped: IPAddress {
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return IPAddress(bytes: Array(bytes[12..<16]))
        }
        return self
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv4 ? AF_INET : AF_INET6
        let text = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard text != nil else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An address range such as `127.0.0.0/8` or `fc00::/7`.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// First address of the range.
    public let network: IPAddress
    /// Leading bits that must match.
    public let prefixLength: Int

    /// Parses `address/prefix`, or a bare address as a single-host range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let address = IPAddress(first.trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        let bits = address.bytes.count * 8
        let prefix = parts.count == 2 ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : bits
        guard let prefix, (0...bits).contains(prefix) else { return nil }
        // `::ffff:a.b.c.d/n` (n >= 96) is the IPv4 range a.b.c.d/(n-96): mapped addresses count as IPv4 everywhere.
        if !address.isIPv4, address.unmapped.isIPv4, prefix >= 96 {
            network = address.unmapped
            prefixLength = prefix - 96
        } else {
            network = address
            prefixLength = prefix
        }
    }

    /// Whether `address` (IPv4-mapped IPv6 counted as IPv4) lies in the range.
    public func contains(_ address: IPAddress) -> Bool {
        let candidate = network.isIPv4 ? address.unmapped : address
        guard candidate.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (have, want) in zip(candidate.bytes, network.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            if have & mask != want & mask { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(network)/\(prefixLength)" }
}
