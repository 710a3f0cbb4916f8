-- Issue 23: the periods each position of the frame is vacant (derived from the frame and
-- register_spans by the core's vacancy_periods, rewritten for the positions an order or a
-- new position touches, in the same transaction). "Vacant only" then reads the vacant
-- positions of a title or unit directly instead of probing every position for a holder.
-- The unit, line of work and administrative title are copied from the position (positions
-- are never edited) so that one index answers "vacant positions with this title on D".
CREATE TABLE IF NOT EXISTS position_vacancies (
    position_id  BIGINT NOT NULL REFERENCES positions(id),
    valid_from   TEXT NOT NULL,
    -- First day it is held again (or the position ends); '9999-12-31' while it lasts.
    valid_to     TEXT NOT NULL,
    unit_id      BIGINT NOT NULL,
    line_of_work TEXT NOT NULL,
    admin_title  TEXT NOT NULL,
    PRIMARY KEY (position_id, valid_from)
);
CREATE INDEX IF NOT EXISTS position_vacancies_line ON position_vacancies(line_of_work, valid_to, valid_from);
CREATE INDEX IF NOT EXISTS position_vacancies_admin ON position_vacancies(admin_title, valid_to, valid_from);
CREATE INDEX IF NOT EXISTS position_vacancies_unit ON position_vacancies(unit_id, valid_to, valid_from);
