-- The office under which an appointing authority's account signs (§52–54): agency_head,
-- permanent_secretary, governor …; NULL for other roles (an appointing authority without
-- one signs as the head of their agency).
ALTER TABLE users ADD COLUMN office TEXT;
