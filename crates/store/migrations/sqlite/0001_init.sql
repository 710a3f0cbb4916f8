-- bmahr schema, version 1. Written once; gen.sh fills in the id and big-integer types per
-- backend so both backends keep the same tables, columns and indexes.
-- Dates are ISO CE text (YYYY-MM-DD); instants are RFC 3339 UTC text; money is satang.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES units(id),
    kind        TEXT NOT NULL,
    name_th     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (code, valid_from)
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE positions (
    id           INTEGER PRIMARY KEY,
    position_no  TEXT NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    category     TEXT NOT NULL,
    level        TEXT NOT NULL,
    line_of_work TEXT NOT NULL,
    admin_title  TEXT NOT NULL DEFAULT '',
    valid_from   TEXT NOT NULL,
    valid_to     TEXT,
    approval_ref TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (position_no, valid_from)
);
CREATE INDEX positions_unit ON positions(unit_id);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    national_id TEXT NOT NULL UNIQUE,
    birth_date  TEXT NOT NULL,
    gender      TEXT NOT NULL,
    nationality TEXT NOT NULL,
    education   TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

-- Names with history: a change of name is a new row from its date.
CREATE TABLE person_names (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    valid_from  TEXT NOT NULL,
    title       TEXT NOT NULL,
    first_th    TEXT NOT NULL,
    last_th     TEXT NOT NULL,
    first_en    TEXT NOT NULL DEFAULT '',
    last_en     TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX person_names_person ON person_names(person_id, valid_from);

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL,
    issuer_unit_id    INTEGER NOT NULL REFERENCES units(id),
    signed_on         TEXT NOT NULL,
    signed_by         TEXT NOT NULL,
    authority         TEXT NOT NULL,
    effective_date    TEXT NOT NULL,
    reason            TEXT NOT NULL,
    corrects_order_id INTEGER REFERENCES orders(id),
    recorded_by       TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    UNIQUE (issuer_unit_id, number)
);

-- One row per action of an order; never updated. A correction voids rows in action_voids.
CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id),
    seq             INTEGER NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    kind            TEXT NOT NULL,
    effective_date  TEXT NOT NULL,
    position_id     INTEGER REFERENCES positions(id),
    salary          INTEGER,
    penalty         TEXT,
    penalty_percent INTEGER,
    penalty_months  INTEGER,
    separation      TEXT,
    note            TEXT NOT NULL DEFAULT '',
    UNIQUE (order_id, seq)
);
CREATE INDEX actions_person ON actions(person_id, effective_date);
CREATE INDEX actions_position ON actions(position_id);

CREATE TABLE action_voids (
    action_id          INTEGER PRIMARY KEY REFERENCES actions(id),
    voided_by_order_id INTEGER NOT NULL REFERENCES orders(id)
);

CREATE TABLE holidays (
    day     TEXT PRIMARY KEY,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    scope_unit_id INTEGER REFERENCES units(id),
    person_id     INTEGER REFERENCES people(id),
    created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Every write: who, when, why, and the order or request behind it.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    person_id   INTEGER REFERENCES people(id),
    order_id    INTEGER REFERENCES orders(id),
    request_ref TEXT,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_events(at);
CREATE INDEX audit_actor ON audit_events(actor, at);
CREATE INDEX audit_person ON audit_events(person_id, at);
CREATE INDEX audit_order ON audit_events(order_id);
