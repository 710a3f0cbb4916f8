-- The register kept as periods (derived from live actions by the core's placement_spans,
-- rewritten for a person in the same transaction as any order that touches them), so that
-- "who was where on date D" is an index lookup instead of a fold over every action.
CREATE TABLE register_spans (
    person_id     BIGINT NOT NULL REFERENCES people(id),
    valid_from    TEXT NOT NULL,
    -- First day of the next span; '9999-12-31' while it lasts (keeps range scans indexable).
    valid_to      TEXT NOT NULL,
    status        TEXT NOT NULL,
    position_id   BIGINT REFERENCES positions(id),
    unit_id       BIGINT REFERENCES units(id),
    category      TEXT,
    level         TEXT,
    service_start TEXT,
    PRIMARY KEY (person_id, valid_from)
);
CREATE INDEX register_spans_to ON register_spans(valid_to, valid_from);
CREATE INDEX register_spans_unit ON register_spans(unit_id, valid_to);
