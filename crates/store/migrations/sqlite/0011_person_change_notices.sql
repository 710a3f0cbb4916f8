-- On PostgreSQL this migration adds a trigger that announces each person's change to the
-- listening servers (NOTIFY). SQLite has no notices: a server there reads the person's
-- version on each request, so there is nothing to add; the number keeps one schema history.
SELECT 1;
