-- What an action carried beyond the register's columns (a §43 declaration and waiver, §56
-- consents, a birth-date correction with its ก.ก. decision and evidence), as JSON.
ALTER TABLE actions ADD COLUMN detail TEXT NOT NULL DEFAULT '';
