-- Every change of a published number (the first one too) is appended to published_history in the
-- statement that stores it (DESIGN §6.4). A trigger, not the writer's SQL: it sees the row version
-- it replaces, so two instances' passes racing on one (SKU, channel) still leave one row per real
-- change, and no writer of published_quantity can forget it. A pause change that leaves the number
-- alone adds nothing. (One line per statement: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_published_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO published_history (sku_id, channel_id, quantity, at) VALUES (NEW.sku_id, NEW.channel_id, NEW.quantity, now()); RETURN NULL; END $$;

CREATE TRIGGER published_quantity_history_insert
  AFTER INSERT ON "published_quantity"
  FOR EACH ROW EXECUTE FUNCTION onepool_published_history();

CREATE TRIGGER published_quantity_history_update
  AFTER UPDATE OF "quantity" ON "published_quantity"
  FOR EACH ROW WHEN (OLD.quantity IS DISTINCT FROM NEW.quantity) EXECUTE FUNCTION onepool_published_history();

-- The numbers stored before the history began: each has been in force since it was last written.
INSERT INTO published_history (sku_id, channel_id, quantity, at) SELECT p.sku_id, p.channel_id, p.quantity, p.updated_at FROM published_quantity p WHERE NOT EXISTS (SELECT 1 FROM published_history h WHERE h.sku_id = p.sku_id AND h.channel_id = p.channel_id);
