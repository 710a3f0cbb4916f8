-- Issue 23: a password an administrator set (a new account's first one, or a reset) is known
-- to someone other than the owner; until the owner chooses their own, the account reaches
-- only its security page (1: set by an administrator).
ALTER TABLE users ADD COLUMN password_temporary INTEGER NOT NULL DEFAULT 0;
