-- Issue 23: pickers find a position by the first digits of its number as one types
-- (`position_no >= '12' AND < '13'`). SQLite compares text bytewise, so the index of
-- UNIQUE (position_no, valid_from) already serves the range: nothing to add (PostgreSQL adds
-- an index in collation "C"). This only checks the index's columns are there.
SELECT position_no, valid_from FROM positions WHERE position_no >= '' LIMIT 0;
