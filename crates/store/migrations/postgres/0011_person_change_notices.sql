-- Every change to a person moves their version on in its transaction, and every event of
-- their record but an opening names them in the audit log. These triggers tell the servers
-- listening on `bmahr_person` which person it was, as the transaction commits, so they keep
-- serving everyone else's profile and record trail from memory without reading them again.
-- SQLite has no notices: its migration 0012 keeps each person's latest change to be polled.
-- The trigger's argument names the column that holds the person's id.
CREATE FUNCTION bmahr_person_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bmahr_person', to_jsonb(NEW) ->> TG_ARGV[0]);
    RETURN NULL;
END
$$;
CREATE TRIGGER people_version_notice AFTER UPDATE OF version ON people
    FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version)
    EXECUTE FUNCTION bmahr_person_notice('id');
CREATE TRIGGER audit_person_notice AFTER INSERT ON audit_events
    FOR EACH ROW WHEN (NEW.person_id IS NOT NULL AND NEW.action <> 'person.view')
    EXECUTE FUNCTION bmahr_person_notice('person_id');
-- A record's trail (its events but the openings, newest first) read without stepping over
-- the openings, which on a much-read record are nearly all of its events.
CREATE INDEX audit_person_changes ON audit_events(person_id, at, id)
    WHERE action <> 'person.view';
-- Planned with fresh statistics at once: on an old log the estimates would otherwise lead the
-- planner to walk `audit_at` or `audit_person` over a much-read record's openings.
ANALYZE audit_events;
