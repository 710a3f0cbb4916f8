-- Issue 21: sign-in to OWASP ASVS level 2.

-- Failed sign-ins counted per key (a source address; an account from one address; an
-- account from everywhere), reserved before the password is checked so parallel guesses
-- cannot outrun the count. Keys are made from the name as typed: an unknown account is
-- counted exactly as a known one.
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    first_at     TEXT NOT NULL,
    locked_until TEXT
);
CREATE INDEX login_throttle_first_at ON login_throttle(first_at);

-- Browsers that have signed in to an account before: the account-wide count (a guessing
-- attack spread over many addresses) does not hold them back.
CREATE TABLE login_devices (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);

-- TOTP (RFC 6238) second factor: the secret while being set up, then confirmed; the last
-- time step accepted, so a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- One-time recovery codes (SHA-256 of each; they are random and long).
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- Sessions a person can see and end: a public handle, when last used (idle timeout),
-- and the address and browser that opened it.
ALTER TABLE sessions ADD COLUMN handle TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
ALTER TABLE sessions ADD COLUMN address TEXT;
ALTER TABLE sessions ADD COLUMN agent TEXT;
CREATE UNIQUE INDEX sessions_handle ON sessions(handle);
