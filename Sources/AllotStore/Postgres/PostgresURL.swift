import Foundation
import PostgresNIO

/// Where the PostgreSQL store lives: `database_url` in Config/allot.yaml or `ALLOT_DATABASE_URL`, in libpq's URL form
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]` (user, password and database percent-encoded).
/// Only what the store honours is accepted: any other query parameter is an error rather than a setting silently
/// ignored.
public struct PostgresURL: Sendable, Equatable {
    /// libpq's `sslmode`, with libpq's meanings: `prefer` and `require` encrypt without checking the server's
    /// certificate (a loopback or private server with a self-signed certificate connects, as with psql); the
    /// `verify-*` modes check it against the system's trust roots.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, plain otherwise (the default, as in libpq).
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS with a certificate signed by a trusted authority, for any host name.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    /// nil: the server's default, a database named like the user.
    public var database: String?
    public var sslMode: SSLMode

    /// Reads a `postgres://` or `postgresql://` URL; a bad one is `PostgresStoreError.badDatabaseURL`, whose message
    /// names the `database_url` key and never repeats the password.
    public init(parsing text: String) throws(PostgresStoreError) {
        func bad(_ reason: String) -> PostgresStoreError { .badDatabaseURL(reason) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw bad("it is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw bad("the scheme is '\(scheme)', not postgres or postgresql")
        }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw bad("it names no host") }
        guard !host.contains(",") else { throw bad("it names several hosts; the store connects to one") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw bad("port \(port) is out of range") }
        guard let user = components.user, !user.isEmpty else { throw bad("it names no user (postgres://USER@HOST/DATABASE)") }
        let path = components.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.contains("/") else { throw bad("the database name '\(database)' contains '/'") }

        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: item.value ?? "") else {
                    throw bad("sslmode '\(item.value ?? "")' is not one of "
                        + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                sslMode = mode
            default:
                throw bad("the parameter '\(item.name)' is not supported (only sslmode is)")
            }
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password.flatMap { $0.isEmpty ? nil : $0 }
        self.database = database.isEmpty ? nil : database
        self.sslMode = sslMode
    }

    /// The URL with the password left out, for logs and messages.
    public var redacted: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(shownHost):\(port)/\(database ?? "")?sslmode=\(sslMode.rawValue)"
    }

    /// The TLS settings of `sslMode`: nil for `disable`.
    var tlsConfiguration: TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return nil
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        return tls
    }

    /// postgres-nio's settings for the store's pool of connections.
    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch (sslMode, tlsConfiguration) {
        case let (.prefer, config?): .prefer(config)
        case let (_, config?): .require(config)
        case (_, nil): .disable
        }
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    /// postgres-nio's settings for one connection of its own (the check `PostgresStore.open` makes first).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch (sslMode, tlsConfiguration) {
        case let (.prefer, config?): .prefer(try NIOSSLContext(configuration: config))
        case let (_, config?): .require(try NIOSSLContext(configuration: config))
        case (_, nil): .disable
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}
