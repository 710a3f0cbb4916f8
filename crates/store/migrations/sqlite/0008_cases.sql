-- Case files of discipline, appeals, grievances and merit protection (§58–66). The record of
-- a case is its opening and its appended events; the case row keeps what lists and
-- statistics filter on, and case_deadlines is derived from the events for the deadline
-- boards (rewritten with each event, like register_spans).
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    -- The person concerned (none for a petition against a general rule).
    person_id        INTEGER REFERENCES people(id),
    -- The unit whose discipline officers' chain sees the case.
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    -- The unit whose head must act on the case's deadlines held by a superior.
    holder_unit_id   INTEGER REFERENCES units(id),
    forum            TEXT NOT NULL,
    category         TEXT,
    person_category  TEXT,
    stage            TEXT NOT NULL,
    closed           INTEGER NOT NULL DEFAULT 0,
    penalty          TEXT,
    opened_on        TEXT NOT NULL,
    fiscal_year      INTEGER NOT NULL,
    opening          TEXT NOT NULL,
    version          INTEGER NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX cases_unit ON cases(unit_id);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_fy ON cases(fiscal_year, kind);

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    seq         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    body        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE TABLE case_deadlines (
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    seq            INTEGER NOT NULL,
    dkey           TEXT NOT NULL,
    holder         TEXT NOT NULL,
    holder_unit_id INTEGER REFERENCES units(id),
    start_day      TEXT NOT NULL,
    last_day       TEXT NOT NULL,
    counted_day    TEXT NOT NULL,
    basis          TEXT NOT NULL,
    label_th       TEXT NOT NULL,
    label_en       TEXT NOT NULL,
    met_on         TEXT,
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_deadlines_open ON case_deadlines(holder, met_on, last_day);

-- Committee members read the case file.
CREATE TABLE case_members (
    case_id   INTEGER NOT NULL REFERENCES cases(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_members_person ON case_members(person_id);

-- Positions whose holders are grieved against before ก.พ.ค. (§64 para 2 "ตำแหน่งอื่นที่
-- ก.พ.ค. กรุงเทพมหานคร กำหนด"): the head of every unit of a kind, the head of one unit, or one
-- position by number.
CREATE TABLE kpk_named (
    id          INTEGER PRIMARY KEY,
    unit_kind   TEXT,
    unit_code   TEXT,
    position_no TEXT,
    note        TEXT NOT NULL DEFAULT '',
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL
);
