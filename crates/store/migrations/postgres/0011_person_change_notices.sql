-- Every change to a person moves their version on in its transaction; this tells the
-- servers listening on `bmahr_person` which person changed, as the transaction commits,
-- so they can keep serving the profiles of everyone else from memory without reading each
-- version again. SQLite has no notices: a server there reads the version on each request.
CREATE FUNCTION bmahr_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bmahr_person', NEW.id::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER people_version_notice AFTER UPDATE OF version ON people
    FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version)
    EXECUTE FUNCTION bmahr_person_changed();
