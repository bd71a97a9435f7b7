import Foundation
import PostgresNIO

/// Why a connection to PostgreSQL failed, in plain words ("connection refused at 127.0.0.1:5432") rather than the
/// nested description postgres-nio and SwiftNIO give ("connectionError: Connection errors: SingleConnectionFailure(
/// target: [IPv4]127.0.0.1/127.0.0.1:5432, error: connection reset (error set): Connection refused) (errno: 111))").
///
/// The SwiftNIO types come through `import PostgresNIO`, which re-exports NIO: these are the errors its pool is
/// built on, so they are what it passes on.
enum ConnectionFailure {
    /// `error` (a `PSQLError`'s underlying error) in words, or nil when it is none this knows.
    static func words(_ error: any Error) -> String? {
        switch error {
        case let failure as NIOConnectionError:
            if failure.dnsAError != nil || failure.dnsAAAAError != nil {
                return "no address found for host \(failure.host)"
            }
            let reasons = failure.connectionErrors.map { "\(words($0.error) ?? "\($0.error)") at \(address($0.target))" }
            return reasons.isEmpty ? "could not connect to \(failure.host):\(failure.port)" : reasons.joined(separator: "; ")
        case let io as IOError:
            return String(cString: strerror(io.errnoCode)).lowercased()
        case let channel as ChannelError:
            if case let .connectTimeout(after) = channel { return "no answer within \(after.nanoseconds / 1_000_000_000) s" }
            return nil
        default:
            return nil
        }
    }

    /// A socket address as `host:port`, IPv6 hosts in brackets.
    private static func address(_ target: SocketAddress) -> String {
        guard let ip = target.ipAddress, let port = target.port else { return "\(target)" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
