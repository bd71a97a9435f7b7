/// The PostgreSQL schema history, oldest first. Append new steps (`pg-v3-...`); never edit, reorder or remove a
/// shipped one: a database that has applied it would keep the old shape, and the step's identifier says it is done.
/// Times are `TIMESTAMPTZ` throughout (see `PostgresTime`), where the SQLite store keeps REAL Unix seconds.
enum PostgresMigrations {
    static let all: [PostgresMigration] = [
        pgV1Activity,
        pgV2Tokens,
        pgV3Webhooks,
        pgV4Service,
        pgV5SurveysSessions,
        pgV6OutboxNotify,
    ]
}
