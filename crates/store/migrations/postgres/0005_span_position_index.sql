-- Finding who holds a position on a date (search by position number, vacancy lists).
CREATE INDEX register_spans_position ON register_spans(position_id, valid_to);
