-- Every change of a published number (the first one too) is appended to published_history in the
-- statement that stores it (docs/OVERSELLS.md). A trigger, not the writer's SQL: it sees the row version
-- it replaces, so two instances' passes racing on one (SKU, channel) still leave one row per real
-- change, and no writer of published_quantity can forget it. A pause change that leaves the number
-- alone adds nothing. Statement-level (transition tables), so a bulk pass pays one INSERT … SELECT. (One line per statement: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_published_history_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO published_history (sku_id, channel_id, quantity, at) SELECT n.sku_id, n.channel_id, n.quantity, now() FROM new_rows n; RETURN NULL; END $$;

CREATE OR REPLACE FUNCTION onepool_published_history_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO published_history (sku_id, channel_id, quantity, at) SELECT n.sku_id, n.channel_id, n.quantity, now() FROM new_rows n JOIN old_rows o ON o.sku_id = n.sku_id AND o.channel_id = n.channel_id WHERE o.quantity IS DISTINCT FROM n.quantity; RETURN NULL; END $$;

-- Once per statement over its transition tables, not once per row: a pass that stores 300,000
-- numbers appends its history in one INSERT … SELECT.
CREATE TRIGGER published_quantity_history_insert AFTER INSERT ON "published_quantity" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_published_history_inserted();

CREATE TRIGGER published_quantity_history_update AFTER UPDATE ON "published_quantity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_published_history_updated();

-- The numbers stored before the history began: each has been in force since it was last written.
INSERT INTO published_history (sku_id, channel_id, quantity, at) SELECT p.sku_id, p.channel_id, p.quantity, p.updated_at FROM published_quantity p WHERE NOT EXISTS (SELECT 1 FROM published_history h WHERE h.sku_id = p.sku_id AND h.channel_id = p.channel_id);
