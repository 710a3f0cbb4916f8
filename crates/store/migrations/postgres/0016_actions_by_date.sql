-- Issue 22: the annual report counts a fiscal year's actions (appointments, moves,
-- separations) without reading twenty years of them.
CREATE INDEX IF NOT EXISTS actions_effective ON actions(effective_date);
