-- CreateTable
CREATE TABLE "sku_sort_dirty" (
    "id" BIGSERIAL NOT NULL,
    "sku_ids" INTEGER[],

    CONSTRAINT "sku_sort_dirty_pkey" PRIMARY KEY ("id")
);

-- The sort keys left the commit path (docs/PERFORMANCE.md, "Sort keys off the commit path"): the
-- triggers of migration sku_sort_key locked each batch's key rows and updated them twice (levels,
-- then sales), every update writing all seven indexes, which cost ingest 6–20 %. Now the triggers
-- only append the statement's SKUs to sku_sort_dirty, and onepool_sku_sort_drain() recomputes those
-- SKUs' keys from stock_level and sales_hourly: every second in the background
-- (server/projection/drain-sort-keys.ts) and before every numeric sort's page, so a page still reflects
-- every batch committed before it was asked for.

DROP FUNCTION onepool_sku_sort_refresh();
DROP FUNCTION onepool_sku_sort_add(int[], bigint[], bigint[], bigint[]);
DROP FUNCTION onepool_sku_sort_lock(int[]);

-- The keys of these SKUs from their rows as they are now, the sales sums for the window ending at p_hour
-- (from p_hour − 23 h and − 167 h on, no upper bound, as the list always summed them).
CREATE FUNCTION onepool_sku_sort_recompute(p_sku int[], p_hour timestamptz) RETURNS void LANGUAGE sql AS $$
  UPDATE sku_sort_key k SET available_real = t.a, units_24h = t.u24, units_168h = t.u168
    FROM (SELECT s.id,
                 COALESCE((SELECT SUM(GREATEST(0, sl.available)) FROM stock_level sl JOIN location l ON l.id = sl.location_id AND l.sellable
                            WHERE sl.sku_id = s.id), 0)::bigint AS a,
                 COALESCE(h.u24, 0)::bigint AS u24, COALESCE(h.u168, 0)::bigint AS u168
            FROM unnest(p_sku) AS s(id)
            LEFT JOIN LATERAL (SELECT SUM(units) FILTER (WHERE hour >= p_hour - interval '23 hours') AS u24, SUM(units) AS u168
                                 FROM sales_hourly WHERE sku_id = s.id AND hour >= p_hour - interval '167 hours') h ON true) t
   WHERE k.sku_id = t.id AND (k.available_real, k.units_24h, k.units_168h) IS DISTINCT FROM (t.a, t.u24, t.u168)
$$;

-- Recomputes the queued SKUs, and on the first call of a new hour moves the sales window (every SKU
-- with sales in the old or new window). One drain at a time: a later one recomputes from a later
-- snapshot than an earlier one, so the last write is the newest. Returns the SKUs recomputed.
CREATE FUNCTION onepool_sku_sort_drain() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := date_trunc('hour', now());
  v_hour timestamptz;
  v_sku int[];
BEGIN
  -- Nothing queued and the window current: no lock (a queue row a running drain is deleting is still
  -- seen here, so a reader waits for that drain's keys).
  IF NOT EXISTS (SELECT 1 FROM sku_sort_dirty) AND (SELECT hour FROM sku_sort_window WHERE id = 1) >= v_now THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(7400169, 18);
  WITH d AS (DELETE FROM sku_sort_dirty RETURNING sku_ids)
  SELECT array_agg(DISTINCT x) INTO v_sku FROM d CROSS JOIN LATERAL unnest(d.sku_ids) AS u(x);
  SELECT hour INTO v_hour FROM sku_sort_window WHERE id = 1;
  IF v_hour < v_now THEN
    SELECT array_agg(DISTINCT x) INTO v_sku FROM (
      SELECT unnest(v_sku)
      UNION SELECT sku_id FROM sku_sort_key WHERE units_24h <> 0 OR units_168h <> 0
      UNION SELECT sku_id FROM sales_hourly WHERE hour >= v_now - interval '167 hours') q(x);
    UPDATE sku_sort_window SET hour = v_now WHERE id = 1;
    v_hour := v_now;
  END IF;
  IF v_sku IS NULL THEN RETURN 0; END IF;
  PERFORM onepool_sku_sort_recompute(v_sku, v_hour);
  RETURN cardinality(v_sku);
END $$;

-- The triggers keep their names (bench/run.ts's BENCH_SORT_KEYS=off disables them by name) and only queue.
-- A level's share changes only where GREATEST(0, available) does; its location's sellable flag is read by the drain.
CREATE OR REPLACE FUNCTION onepool_sku_sort_levels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(sku_id) FROM new_levels WHERE available > 0 HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(sku_id) FROM old_levels WHERE available > 0 HAVING count(*) > 0;
  ELSE
    INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(n.sku_id) FROM new_levels n JOIN old_levels o USING (sku_id, location_id)
     WHERE GREATEST(0, n.available) <> GREATEST(0, o.available) HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

-- A sale counts in no window that ends before its hour + 167 h; the hour's margin covers a drain
-- whose transaction started in the hour before this statement's.
CREATE OR REPLACE FUNCTION onepool_sku_sort_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(sku_id) FROM old_sales
     WHERE hour >= date_trunc('hour', now()) - interval '168 hours' HAVING count(*) > 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(sku_id) FROM (SELECT sku_id, hour FROM new_sales UNION ALL SELECT sku_id, hour FROM old_sales) r
     WHERE hour >= date_trunc('hour', now()) - interval '168 hours' HAVING count(*) > 0;
  ELSE
    INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(sku_id) FROM new_sales
     WHERE hour >= date_trunc('hour', now()) - interval '168 hours' HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION onepool_sku_sort_sellable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sku_sort_dirty (sku_ids) SELECT array_agg(sku_id) FROM stock_level WHERE location_id = NEW.id HAVING count(*) > 0;
  RETURN NULL;
END $$;
