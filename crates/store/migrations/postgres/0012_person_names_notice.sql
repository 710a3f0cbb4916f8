-- A name row tells the servers listening on `bmahr_person` whose name it is, as it commits:
-- PostgreSQL hands out ids as rows are inserted, not as they commit, so a long transaction
-- (an import) can commit names below ids a server's search directory has already read; the
-- notice has it read that person's names again, whatever their ids.
CREATE TRIGGER person_names_notice AFTER INSERT ON person_names
    FOR EACH ROW EXECUTE FUNCTION bmahr_person_notice('person_id');
