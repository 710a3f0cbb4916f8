-- SQLite has no notices (see PostgreSQL's migration 0011): the triggers here keep, for each
-- person, the sequence number of their latest change, and each server reads the numbers
-- past the last it saw a few dozen times a second to learn which profiles and record trails
-- it may no longer serve from memory. Writers on SQLite take turns, so a change committed
-- after a server's read always gets a higher number than any that read saw. One row a
-- person: the table never grows past the register.
CREATE TABLE person_changes (
    person_id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL
);
CREATE INDEX person_changes_seq ON person_changes(seq);
CREATE TRIGGER people_version_change AFTER UPDATE OF version ON people
    WHEN NEW.version IS NOT OLD.version
BEGIN
    INSERT INTO person_changes (person_id, seq)
        VALUES (NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM person_changes))
        ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER audit_person_change AFTER INSERT ON audit_events
    WHEN NEW.person_id IS NOT NULL AND NEW.action <> 'person.view'
BEGIN
    INSERT INTO person_changes (person_id, seq)
        VALUES (NEW.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM person_changes))
        ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
