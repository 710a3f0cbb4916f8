-- Orders drafted by HR officers, awaiting the appointing authority's signature. The body is
-- the order as drafted (JSON); signing applies it and links the signed order, in one
-- transaction. A draft is never deleted: it is signed or withdrawn.
CREATE TABLE order_drafts (
    id             INTEGER PRIMARY KEY,
    issuer_unit_id INTEGER NOT NULL REFERENCES units(id),
    number         TEXT NOT NULL,
    body           TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'withdrawn')),
    version        INTEGER NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    order_id       INTEGER REFERENCES orders(id)
);
CREATE INDEX order_drafts_status_unit ON order_drafts(status, issuer_unit_id);
