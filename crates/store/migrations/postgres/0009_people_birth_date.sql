-- The retirement forecast and counts start from who is born in the fiscal years concerned
-- (a few thousand people a year) instead of every open period of the register.
CREATE INDEX people_birth_date ON people(birth_date);
