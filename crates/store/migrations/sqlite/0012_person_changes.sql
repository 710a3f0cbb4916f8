-- SQLite has no notices (see PostgreSQL's migrations 0011 and 0012). The triggers here keep,
-- for each person, the sequence number of their latest change (a version, an event of their
-- record but an opening, a name), and each server reads the numbers past the last it saw a
-- few dozen times a second: the profiles, record trails and names it keeps in memory of the
-- people found are read again. Writers on SQLite take turns, so a change committed after a
-- server's read always gets a higher number than any that read saw. One row a person: the
-- table never grows past the register.
CREATE TABLE person_changes (
    person_id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL
);
CREATE INDEX person_changes_seq ON person_changes(seq);
-- One place numbers a change, as PostgreSQL's one notice function: the triggers below insert
-- the person into this view.
CREATE VIEW person_change_notices AS SELECT person_id FROM person_changes;
CREATE TRIGGER person_change_number INSTEAD OF INSERT ON person_change_notices
BEGIN
    INSERT INTO person_changes (person_id, seq)
        VALUES (NEW.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM person_changes))
        ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER people_version_change AFTER UPDATE OF version ON people
    WHEN NEW.version IS NOT OLD.version
BEGIN
    INSERT INTO person_change_notices (person_id) VALUES (NEW.id);
END;
CREATE TRIGGER audit_person_change AFTER INSERT ON audit_events
    WHEN NEW.person_id IS NOT NULL AND NEW.action <> 'person.view'
BEGIN
    INSERT INTO person_change_notices (person_id) VALUES (NEW.person_id);
END;
CREATE TRIGGER person_names_change AFTER INSERT ON person_names
BEGIN
    INSERT INTO person_change_notices (person_id) VALUES (NEW.person_id);
END;
