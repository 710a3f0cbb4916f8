-- A record's trail (its events but the openings, newest first) read without stepping over
-- the openings, which on a much-read record are nearly all of its events. On PostgreSQL
-- this migration also adds the triggers that tell listening servers which person changed;
-- SQLite has no notices: migration 0012 keeps each person's latest change for servers to poll.
CREATE INDEX audit_person_changes ON audit_events(person_id, at, id)
    WHERE action <> 'person.view';
