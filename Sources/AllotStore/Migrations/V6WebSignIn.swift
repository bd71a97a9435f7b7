import GRDB

extension Migrations {
    /// The web app's sign-in: sessions (a browser signed in as a token) and one-time sign-in links. Both hold only the
    /// SHA-256 of their secret, like `api_token`. A session or link dies with its token (revoking the token ends them).
    static let v6WebSignIn = Migration(identifier: "v6-web-sign-in") { db in
        try db.execute(sql: """
            CREATE TABLE web_session (
                id TEXT PRIMARY KEY NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                token_id TEXT NOT NULL REFERENCES api_token(id),
                csrf TEXT NOT NULL,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                revoked_at REAL
            );
            CREATE INDEX web_session_token ON web_session (token_id);
            CREATE TABLE sign_in_link (
                id TEXT PRIMARY KEY NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                token_id TEXT NOT NULL REFERENCES api_token(id),
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                used_at REAL
            );
            CREATE INDEX sign_in_link_token ON sign_in_link (token_id);
            """)
    }
}
