-- Issue 23: pickers find a position as one types.
-- By the first digits of its number (`position_no >= '12' AND < '13'`): the range is bytewise
-- (collation "C") so that it means "starts with" whatever the database's collation.
CREATE INDEX IF NOT EXISTS positions_no_bytes ON positions ((position_no COLLATE "C"), valid_from);
-- By title: the few titles that contain what was typed are found in memory, then their
-- positions through these (without them, every position of the BMA is read and sorted).
CREATE INDEX IF NOT EXISTS positions_line_of_work ON positions(line_of_work);
CREATE INDEX IF NOT EXISTS positions_admin_title ON positions(admin_title);
