-- Issue 22: names and titles sort in Thai dictionary order (เกษม under ก, not after ฮ).
-- `ORDER BY first_th COLLATE thai` reads the same on both backends: here an ICU collation
-- for Thai, deterministic (ties broken by code point, as bmahr_core::thai_order breaks them);
-- on SQLite a function the store registers on each connection. Used by ORDER BY only: no
-- index depends on it, so a newer ICU never leaves an index out of order.
CREATE COLLATION IF NOT EXISTS thai (provider = icu, locale = 'th');
