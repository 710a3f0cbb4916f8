-- Issue 23: pickers find a position by the first digits of its number as one types
-- (`position_no >= '12' AND < '13'`). The range is bytewise (collation "C") so that it means
-- "starts with" whatever the database's collation; this index serves it.
CREATE INDEX IF NOT EXISTS positions_no_bytes ON positions ((position_no COLLATE "C"), valid_from);
