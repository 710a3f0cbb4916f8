-- Issue 22: names and titles sort in Thai dictionary order (เกษม under ก, not after ฮ).
-- `ORDER BY first_th COLLATE thai` reads the same on both backends: here the collation is
-- bmahr_core::thai_order, which the store registers on every connection it opens
-- (store/src/collation.rs), so the schema holds nothing for it; on PostgreSQL it is an ICU
-- collation. No index or constraint uses it, so other tools still open the file. This only
-- checks that the connection has it.
SELECT 'เกษม' < 'ขวัญ' COLLATE thai;
