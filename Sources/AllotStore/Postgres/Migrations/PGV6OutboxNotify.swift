extension PostgresMigrations {
    /// Every transaction that queues webhook messages notifies channel `allot_outbox` when it commits (PostgreSQL
    /// delivers a notification at commit, once however many rows raised it), so every instance's dispatcher wakes at
    /// once instead of at its next poll (`PostgresStore.relayOutboxNotifications`). A message is queued by an insert,
    /// or by a redelivery that moves a finished one back to `pending`; an attempt's record moves messages the other
    /// way and notifies nothing. A trigger rather than a statement in each enqueue: no extra round trip, and no way
    /// to queue a message without it. Instances older than this step ignore the notifications and poll, as before.
    /// Shipped: never edit; add a step instead.
    static let pgV6OutboxNotify = PostgresMigration(identifier: "pg-v6-outbox-notify", statements: [
        """
        CREATE FUNCTION allot_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('allot_outbox', '');
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER webhook_message_queued AFTER INSERT ON webhook_message
            FOR EACH STATEMENT EXECUTE FUNCTION allot_outbox_notify()
        """,
        """
        CREATE TRIGGER webhook_message_requeued AFTER UPDATE OF state ON webhook_message
            FOR EACH ROW WHEN (NEW.state = 'pending' AND OLD.state <> 'pending') EXECUTE FUNCTION allot_outbox_notify()
        """,
    ])
}
