-- CreateTable
CREATE TABLE "sku_sort_key" (
    "sku_id" INTEGER NOT NULL,
    "code_key" BYTEA NOT NULL,
    "available_real" BIGINT NOT NULL DEFAULT 0,
    "units_24h" BIGINT NOT NULL DEFAULT 0,
    "units_168h" BIGINT NOT NULL DEFAULT 0,
    "velocity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "days_of_inventory" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "sku_sort_key_pkey" PRIMARY KEY ("sku_id")
);

-- CreateTable
CREATE TABLE "sku_sort_window" (
    "id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sku_sort_window_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sku_sort_key_available_real_asc_idx" ON "sku_sort_key"("available_real", "code_key");

-- CreateIndex
CREATE INDEX "sku_sort_key_available_real_desc_idx" ON "sku_sort_key"("available_real" DESC, "code_key");

-- CreateIndex
CREATE INDEX "sku_sort_key_velocity_asc_idx" ON "sku_sort_key"("velocity", "code_key");

-- CreateIndex
CREATE INDEX "sku_sort_key_velocity_desc_idx" ON "sku_sort_key"("velocity" DESC, "code_key");

-- CreateIndex
CREATE INDEX "sku_sort_key_days_of_inventory_asc_idx" ON "sku_sort_key"("days_of_inventory", "code_key");

-- CreateIndex
CREATE INDEX "sku_sort_key_days_of_inventory_desc_idx" ON "sku_sort_key"("days_of_inventory" DESC, "code_key");

-- The stock list's numeric sorts summed stock_level and sales_hourly for every SKU on every first
-- page (0.3–1.6 s at 100,000 SKUs, docs/PERFORMANCE.md#stock-list). The sums are kept here instead,
-- by triggers on every table they depend on, so every writer (ingest, rebuild, catalogue, seeds,
-- the bench's SQL) keeps them; server/queries/get-sku-rows.ts reads them by index.
--
-- Locks: advisory (7400169, 18) is taken SHARED by every writer of the sums before any sku_sort_key
-- row and EXCLUSIVE by the hourly window move, which must see every sale its window counts; key rows
-- are locked in sku_id order (onepool_sku_sort_lock), so concurrent batches cannot deadlock.

-- The sort keys from the sums, as the list computes them (get-sku-rows.ts, SORT_KEYS before this table).
CREATE FUNCTION onepool_sku_sort_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v24 numeric := GREATEST(0, NEW.units_24h);
  v7 numeric := GREATEST(0, NEW.units_168h)::numeric / 7;
BEGIN
  NEW.velocity := GREATEST(v24, round(v7, 2))::float8;
  NEW.days_of_inventory := CASE WHEN GREATEST(v24, v7) > 0 THEN round(NEW.available_real::numeric / GREATEST(v24, v7), 1)::float8 ELSE 'Infinity'::float8 END;
  RETURN NEW;
END $$;
CREATE TRIGGER sku_sort_key_derive BEFORE INSERT OR UPDATE ON sku_sort_key FOR EACH ROW EXECUTE FUNCTION onepool_sku_sort_derive();

CREATE FUNCTION onepool_sku_sort_lock(p_sku int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7400169, 18);
  PERFORM 1 FROM sku_sort_key WHERE sku_id = ANY(p_sku) ORDER BY sku_id FOR UPDATE;
END $$;

-- Adds per-SKU deltas. Locks first; the deltas are computed by the caller after that (a new snapshot,
-- which sees what the batches it waited for committed).
CREATE FUNCTION onepool_sku_sort_add(p_sku int[], p_available bigint[], p_u24 bigint[], p_u168 bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE sku_sort_key k SET available_real = k.available_real + d.a, units_24h = k.units_24h + d.u24, units_168h = k.units_168h + d.u168
    FROM (SELECT sku_id, sum(a) AS a, sum(u24) AS u24, sum(u168) AS u168 FROM unnest(p_sku, p_available, p_u24, p_u168) AS x(sku_id, a, u24, u168) GROUP BY sku_id) d
   WHERE k.sku_id = d.sku_id AND (d.a <> 0 OR d.u24 <> 0 OR d.u168 <> 0)
$$;

-- A new SKU has its row at once (its keys are zero, Infinity cover).
CREATE FUNCTION onepool_sku_sort_new_sku() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sku_sort_key (sku_id, code_key) SELECT n.id, convert_to(n.code, 'UTF8') FROM new_skus n ON CONFLICT (sku_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER sku_sort_key_new AFTER INSERT ON sku REFERENCING NEW TABLE AS new_skus FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_new_sku();

CREATE FUNCTION onepool_sku_sort_code() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sku_sort_key SET code_key = convert_to(NEW.code, 'UTF8') WHERE sku_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER sku_sort_key_code AFTER UPDATE OF code ON sku FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION onepool_sku_sort_code();

-- Available real: the sum of GREATEST(0, available) over the SKU's levels at sellable locations.
-- One function for the three row events (a trigger with transition tables has one event).
CREATE FUNCTION onepool_sku_sort_levels() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_sku int[]; v_a bigint[];
BEGIN
  -- Only SKUs whose share can change are locked: ingest's insert of empty levels locks nothing, and
  -- every SKU locked here is one ingest already locked (server/projection/fold-into-projection.ts).
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT sku_id) INTO v_sku FROM new_levels WHERE available > 0;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT sku_id) INTO v_sku FROM old_levels WHERE available > 0;
  ELSE
    SELECT array_agg(DISTINCT n.sku_id) INTO v_sku FROM new_levels n JOIN old_levels o USING (sku_id, location_id)
     WHERE GREATEST(0, n.available) <> GREATEST(0, o.available);
  END IF;
  IF v_sku IS NULL THEN RETURN NULL; END IF;
  PERFORM onepool_sku_sort_lock(v_sku);
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.sku_id), array_agg(GREATEST(0, n.available)::bigint) INTO v_sku, v_a
      FROM new_levels n JOIN location l ON l.id = n.location_id AND l.sellable;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.sku_id), array_agg(-GREATEST(0, o.available)::bigint) INTO v_sku, v_a
      FROM old_levels o JOIN location l ON l.id = o.location_id AND l.sellable;
  ELSE
    SELECT array_agg(x.sku_id), array_agg(x.a) INTO v_sku, v_a FROM (
      SELECT n.sku_id, GREATEST(0, n.available)::bigint AS a FROM new_levels n JOIN location l ON l.id = n.location_id AND l.sellable
      UNION ALL
      SELECT o.sku_id, -GREATEST(0, o.available)::bigint FROM old_levels o JOIN location l ON l.id = o.location_id AND l.sellable) x;
  END IF;
  IF v_sku IS NOT NULL THEN
    PERFORM onepool_sku_sort_add(v_sku, v_a, array_fill(0::bigint, ARRAY[cardinality(v_sku)]), array_fill(0::bigint, ARRAY[cardinality(v_sku)]));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sku_sort_key_levels_ins AFTER INSERT ON stock_level REFERENCING NEW TABLE AS new_levels FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_levels();
CREATE TRIGGER sku_sort_key_levels_upd AFTER UPDATE ON stock_level REFERENCING OLD TABLE AS old_levels NEW TABLE AS new_levels FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_levels();
CREATE TRIGGER sku_sort_key_levels_del AFTER DELETE ON stock_level REFERENCING OLD TABLE AS old_levels FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_levels();

-- A location that becomes (un)sellable adds (removes) its levels' share of every SKU stocked there.
CREATE FUNCTION onepool_sku_sort_sellable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_sku int[]; v_a bigint[];
BEGIN
  SELECT array_agg(DISTINCT sku_id) INTO v_sku FROM stock_level WHERE location_id = NEW.id;
  IF v_sku IS NULL THEN RETURN NULL; END IF;
  PERFORM onepool_sku_sort_lock(v_sku);
  SELECT array_agg(sku_id), array_agg(CASE WHEN NEW.sellable THEN 1 ELSE -1 END * GREATEST(0, available)::bigint) INTO v_sku, v_a
    FROM stock_level WHERE location_id = NEW.id;
  PERFORM onepool_sku_sort_add(v_sku, v_a, array_fill(0::bigint, ARRAY[cardinality(v_sku)]), array_fill(0::bigint, ARRAY[cardinality(v_sku)]));
  RETURN NULL;
END $$;
CREATE TRIGGER sku_sort_key_sellable AFTER UPDATE OF sellable ON location FOR EACH ROW WHEN (OLD.sellable IS DISTINCT FROM NEW.sellable) EXECUTE FUNCTION onepool_sku_sort_sellable();

-- Sales: a row's units count in the 24 h sum from the window's hour − 23 h on, in the 168 h sum from − 167 h on.
CREATE FUNCTION onepool_sku_sort_sales() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_sku int[]; v_u24 bigint[]; v_u168 bigint[]; v_hour timestamptz;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT sku_id) INTO v_sku FROM old_sales;
  ELSE
    SELECT array_agg(DISTINCT sku_id) INTO v_sku FROM new_sales;
  END IF;
  IF v_sku IS NULL THEN RETURN NULL; END IF;
  PERFORM onepool_sku_sort_lock(v_sku);
  SELECT hour INTO v_hour FROM sku_sort_window WHERE id = 1;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(sku_id), array_agg(CASE WHEN hour >= v_hour - interval '23 hours' THEN units ELSE 0 END::bigint),
           array_agg(CASE WHEN hour >= v_hour - interval '167 hours' THEN units ELSE 0 END::bigint)
      INTO v_sku, v_u24, v_u168 FROM new_sales;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(sku_id), array_agg(CASE WHEN hour >= v_hour - interval '23 hours' THEN -units ELSE 0 END::bigint),
           array_agg(CASE WHEN hour >= v_hour - interval '167 hours' THEN -units ELSE 0 END::bigint)
      INTO v_sku, v_u24, v_u168 FROM old_sales;
  ELSE
    SELECT array_agg(x.sku_id), array_agg(x.u24), array_agg(x.u168) INTO v_sku, v_u24, v_u168 FROM (
      SELECT sku_id, CASE WHEN hour >= v_hour - interval '23 hours' THEN units ELSE 0 END::bigint AS u24,
             CASE WHEN hour >= v_hour - interval '167 hours' THEN units ELSE 0 END::bigint AS u168 FROM new_sales
      UNION ALL
      SELECT sku_id, CASE WHEN hour >= v_hour - interval '23 hours' THEN -units ELSE 0 END::bigint,
             CASE WHEN hour >= v_hour - interval '167 hours' THEN -units ELSE 0 END::bigint FROM old_sales) x;
  END IF;
  PERFORM onepool_sku_sort_add(v_sku, array_fill(0::bigint, ARRAY[cardinality(v_sku)]), v_u24, v_u168);
  RETURN NULL;
END $$;
CREATE TRIGGER sku_sort_key_sales_ins AFTER INSERT ON sales_hourly REFERENCING NEW TABLE AS new_sales FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_sales();
CREATE TRIGGER sku_sort_key_sales_upd AFTER UPDATE ON sales_hourly REFERENCING OLD TABLE AS old_sales NEW TABLE AS new_sales FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_sales();
CREATE TRIGGER sku_sort_key_sales_del AFTER DELETE ON sales_hourly REFERENCING OLD TABLE AS old_sales FOR EACH STATEMENT EXECUTE FUNCTION onepool_sku_sort_sales();

-- Moves the sales window to the current hour (the list's date_trunc('hour', now())); called by the
-- reader before a numeric sort's page, a no-op within the hour. Recomputes only SKUs with sales in
-- the old or new window. Returns whether it moved.
CREATE FUNCTION onepool_sku_sort_refresh() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := date_trunc('hour', now());
  v_old timestamptz;
BEGIN
  SELECT hour INTO v_old FROM sku_sort_window WHERE id = 1;
  IF v_old >= v_now THEN RETURN false; END IF;
  PERFORM pg_advisory_xact_lock(7400169, 18);
  SELECT hour INTO v_old FROM sku_sort_window WHERE id = 1;
  IF v_old >= v_now THEN RETURN false; END IF;
  PERFORM 1 FROM sku_sort_key WHERE units_24h <> 0 OR units_168h <> 0 OR sku_id IN (SELECT sku_id FROM sales_hourly WHERE hour >= v_now - interval '167 hours')
    ORDER BY sku_id FOR UPDATE;
  WITH s AS (
    SELECT sku_id, COALESCE(SUM(units) FILTER (WHERE hour >= v_now - interval '23 hours'), 0)::bigint AS u24, SUM(units)::bigint AS u168
      FROM sales_hourly WHERE hour >= v_now - interval '167 hours' GROUP BY sku_id),
  t AS (
    SELECT k.sku_id, COALESCE(s.u24, 0) AS u24, COALESCE(s.u168, 0) AS u168
      FROM sku_sort_key k LEFT JOIN s ON s.sku_id = k.sku_id
     WHERE k.units_24h <> 0 OR k.units_168h <> 0 OR s.sku_id IS NOT NULL)
  UPDATE sku_sort_key k SET units_24h = t.u24, units_168h = t.u168
    FROM t WHERE k.sku_id = t.sku_id AND (k.units_24h <> t.u24 OR k.units_168h <> t.u168);
  INSERT INTO sku_sort_window (id, hour) VALUES (1, v_now) ON CONFLICT (id) DO UPDATE SET hour = EXCLUDED.hour;
  RETURN true;
END $$;

-- Backfill: every SKU's row, then the window at the current hour.
INSERT INTO sku_sort_window (id, hour) VALUES (1, date_trunc('hour', now()));
INSERT INTO sku_sort_key (sku_id, code_key, available_real, units_24h, units_168h)
SELECT s.id, convert_to(s.code, 'UTF8'), COALESCE(a.available_real, 0), COALESCE(v.u24, 0), COALESCE(v.u168, 0)
  FROM sku s
  LEFT JOIN (SELECT sl.sku_id, SUM(GREATEST(0, sl.available)) AS available_real FROM stock_level sl
              WHERE sl.location_id IN (SELECT id FROM location WHERE sellable) GROUP BY sl.sku_id) a ON a.sku_id = s.id
  LEFT JOIN (SELECT sku_id, COALESCE(SUM(units) FILTER (WHERE hour >= date_trunc('hour', now()) - interval '23 hours'), 0) AS u24, SUM(units) AS u168
               FROM sales_hourly WHERE hour >= date_trunc('hour', now()) - interval '167 hours' GROUP BY sku_id) v ON v.sku_id = s.id;
