@testable import AllotStore
import Testing

@Suite("database_url is read as libpq reads a postgres:// URL, and a bad one says which setting is wrong")
struct PostgresURLTests {
    @Test("every part is read, percent-decoded; the port defaults to 5432 and sslmode to prefer")
    func parts() throws {
        let url = try PostgresURL(parsing: "postgres://grants%40allot:p%2Fss@db.example.org/allot%5Fprod")
        #expect(url.host == "db.example.org")
        #expect(url.port == 5432)
        #expect(url.user == "grants@allot")
        #expect(url.password == "p/ss")
        #expect(url.database == "allot_prod")
        #expect(url.sslMode == .prefer)

        let loopback = try PostgresURL(parsing: "postgresql://allot@127.0.0.1:54321/allot_test?sslmode=disable")
        #expect(loopback.port == 54321)
        #expect(loopback.password == nil)
        #expect(loopback.sslMode == .disable)
        #expect(try PostgresURL(parsing: "postgres://allot@[::1]:5433/x").host == "::1")
        #expect(try PostgresURL(parsing: "postgres://allot@localhost").database == nil, "the server's default database")
    }

    @Test("each sslmode the store honours", arguments: PostgresURL.SSLMode.allCases)
    func sslModes(_ mode: PostgresURL.SSLMode) throws {
        #expect(try PostgresURL(parsing: "postgres://allot@h/d?sslmode=\(mode.rawValue)").sslMode == mode)
    }

    @Test("a bad URL is a typed error naming database_url, and never repeats the password", arguments: [
        "", "not a url", "mysql://allot@h/d", "postgres:///d", "postgres://h/d", "postgres://allot:secret@h:99999/d",
        "postgres://allot:secret@h/d?sslmode=allow", "postgres://allot:secret@h/d?connect_timeout=5", "postgres://allot@h1,h2/d",
    ])
    func refused(_ text: String) {
        do {
            _ = try PostgresURL(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("database_url (ALLOT_DATABASE_URL)"))
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("the redacted form hides the password")
    func redacted() throws {
        #expect(try PostgresURL(parsing: "postgres://allot:secret@h:6000/d?sslmode=require").redacted == "postgres://allot:***@h:6000/d?sslmode=require")
    }
}
