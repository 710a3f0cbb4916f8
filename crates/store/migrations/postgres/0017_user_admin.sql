-- Issue 23: accounts administered on the web by the Office.
-- A version moved on by every administrative change (a change made from a stale form is
-- refused, never lost); when the account was disabled (a disabled account cannot sign in,
-- and its sessions and API tokens stop working at once); its last successful sign-in.
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN last_login_at TEXT;
