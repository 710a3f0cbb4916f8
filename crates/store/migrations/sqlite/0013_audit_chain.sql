-- Issue 21: a tamper-evident audit log (docs/AUDIT.md). Every event appended from now on
-- carries the SHA-256 of the event before it (`prev_hash`) and its own (`hash`, over
-- prev_hash, its id and every column), written in the transaction of the change it records.
-- The chain's head (the last event and its hash) is one row, read and moved on in that same
-- transaction; SQLite's writers take turns, so two cannot append to the same head.
-- Events already in the log stay as they are, unchained: they are those up to `genesis_id`,
-- and `bmahr audit verify` counts them apart. The first chained event follows 64 zeros.
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE TABLE audit_chain_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    genesis_id INTEGER NOT NULL,
    last_id    INTEGER NOT NULL,
    hash       TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, genesis_id, last_id, hash)
    SELECT 1, coalesce(max(id), 0), coalesce(max(id), 0), '0000000000000000000000000000000000000000000000000000000000000000' FROM audit_events;
-- An event written past the chain (without its hashes) is refused, not silently unchained.
CREATE TRIGGER audit_events_chained BEFORE INSERT ON audit_events
    WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN
    SELECT RAISE(ABORT, 'audit events are appended through the hash chain (audit::chain)');
END;
