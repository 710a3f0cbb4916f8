-- Issue 23: a draft can be returned to its drafter for correction with a comment (it stays
-- open: status 'draft' with returned_at set, until it is edited and so submitted again), and
-- every state of a draft is kept (order_draft_versions), so the signer and an auditor see what
-- changed between the version returned and the one signed.
ALTER TABLE order_drafts ADD COLUMN returned_note TEXT;
ALTER TABLE order_drafts ADD COLUMN returned_by TEXT;
ALTER TABLE order_drafts ADD COLUMN returned_at TEXT;

CREATE TABLE order_draft_versions (
    draft_id BIGINT NOT NULL REFERENCES order_drafts(id),
    version  BIGINT NOT NULL,
    event    TEXT NOT NULL,
    number   TEXT NOT NULL,
    body     TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);
-- Drafts made before versions were kept start their history with their state then.
INSERT INTO order_draft_versions (draft_id, version, event, number, body, note, actor, at)
SELECT id, version, status, number, body, '', updated_by, updated_at FROM order_drafts;

-- The signed-orders list: newest first, within units, by signing date.
CREATE INDEX IF NOT EXISTS orders_issuer_signed ON orders(issuer_unit_id, signed_on);
CREATE INDEX IF NOT EXISTS orders_signed ON orders(signed_on);
CREATE INDEX IF NOT EXISTS orders_corrects ON orders(corrects_order_id);
