-- The signed-orders list filtered by the kind of action (issue 23): the orders with an action
-- of a kind, read from an index instead of probing every order.
CREATE INDEX IF NOT EXISTS actions_kind_order ON actions(kind, order_id);
