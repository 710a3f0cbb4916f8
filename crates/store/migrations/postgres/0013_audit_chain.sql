-- Issue 21: a tamper-evident audit log (docs/AUDIT.md). Every event appended from now on
-- carries the SHA-256 of the event before it (`prev_hash`) and its own (`hash`, over
-- prev_hash, its id and every column), written in the transaction of the change it records.
-- The chain's head (the last event and its hash) is one row, locked (SELECT ... FOR UPDATE)
-- and moved on in that same transaction, so concurrent writers append one after the other
-- and cannot fork the chain.
-- Events already in the log stay as they are, unchained: they are those up to `genesis_id`,
-- and `bmahr audit verify` counts them apart. The first chained event follows 64 zeros.
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT, ADD COLUMN hash TEXT;
CREATE TABLE audit_chain_head (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    genesis_id BIGINT NOT NULL,
    last_id    BIGINT NOT NULL,
    hash       TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, genesis_id, last_id, hash)
    SELECT 1, coalesce(max(id), 0), coalesce(max(id), 0), '0000000000000000000000000000000000000000000000000000000000000000' FROM audit_events;
-- An event written past the chain (without its hashes) is refused, not silently unchained;
-- NOT VALID: the events from before the chain are not checked.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_chained
    CHECK (hash IS NOT NULL AND prev_hash IS NOT NULL) NOT VALID;
