-- Issue 23: pickers find a position as one types.
-- By the first digits of its number (`position_no >= '12' AND < '13'`): SQLite compares text
-- bytewise, so the index of UNIQUE (position_no, valid_from) already serves the range.
-- By title: the few titles that contain what was typed are found in memory, then their
-- positions through these (without them, every position of the BMA is read and sorted).
CREATE INDEX IF NOT EXISTS positions_line_of_work ON positions(line_of_work);
CREATE INDEX IF NOT EXISTS positions_admin_title ON positions(admin_title);
