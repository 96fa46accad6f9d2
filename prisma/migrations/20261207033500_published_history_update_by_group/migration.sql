-- The update trigger joined its two transition tables, which have no statistics: inside plpgsql the
-- planner could pick a nested loop, and a full recompute (every SKU × channel, 400,000 rows in the
-- shared test database) ran for over ten minutes holding its locks. Pairing old and new rows by one
-- GROUP BY is a hash or sort aggregate whatever the estimate: linear in the statement's rows.
-- A row is updated at most once per statement (ON CONFLICT DO UPDATE refuses a second), so each
-- (SKU, channel) has one old and one new version here. (One line per statement: Prisma's wasm engine splits at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_published_history_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO published_history (sku_id, channel_id, quantity, at) SELECT x.sku_id, x.channel_id, max(x.quantity) FILTER (WHERE x.is_new), now() FROM (SELECT n.sku_id, n.channel_id, n.quantity, true AS is_new FROM new_rows n UNION ALL SELECT o.sku_id, o.channel_id, o.quantity, false FROM old_rows o) x GROUP BY x.sku_id, x.channel_id HAVING max(x.quantity) FILTER (WHERE x.is_new) IS DISTINCT FROM max(x.quantity) FILTER (WHERE NOT x.is_new); RETURN NULL; END $$;
