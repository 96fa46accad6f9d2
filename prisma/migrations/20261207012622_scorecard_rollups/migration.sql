-- CreateTable
CREATE TABLE "scorecard_order_units" (
    "grain" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "units" BIGINT NOT NULL,

    CONSTRAINT "scorecard_order_units_pkey" PRIMARY KEY ("grain","bucket","channel_id","type","reason")
);

-- CreateTable
CREATE TABLE "scorecard_ingest_lag" (
    "grain" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "lag_ms" BIGINT NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "scorecard_ingest_lag_pkey" PRIMARY KEY ("grain","bucket","channel_id","lag_ms")
);

-- CreateTable
CREATE TABLE "scorecard_e2e_lag" (
    "grain" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "lag_ms" BIGINT NOT NULL,
    "acks" BIGINT NOT NULL,

    CONSTRAINT "scorecard_e2e_lag_pkey" PRIMARY KEY ("grain","bucket","channel_id","lag_ms")
);

-- CreateTable
CREATE TABLE "scorecard_order_line" (
    "order_id" TEXT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "channel_id" INTEGER,
    "channel_rank" INTEGER,
    "channel_at" TIMESTAMPTZ(3),
    "channel_seq" BIGINT,
    "promised_at" TIMESTAMPTZ(3),
    "promise_at" TIMESTAMPTZ(3),
    "promise_seq" BIGINT,
    "shipped_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "reallocated_at" TIMESTAMPTZ(3),

    CONSTRAINT "scorecard_order_line_pkey" PRIMARY KEY ("order_id","sku_id")
);

-- CreateTable
CREATE TABLE "scorecard_line_count" (
    "grain" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "lines" BIGINT NOT NULL,

    CONSTRAINT "scorecard_line_count_pkey" PRIMARY KEY ("grain","bucket","channel_id","kind","ok")
);

-- CreateTable
CREATE TABLE "scorecard_sku_day" (
    "sku_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "scorecard_sku_day_pkey" PRIMARY KEY ("sku_id","day")
);

-- CreateTable
CREATE TABLE "scorecard_sku_events" (
    "sku_id" INTEGER NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "scorecard_sku_events_pkey" PRIMARY KEY ("sku_id")
);

-- CreateTable
CREATE TABLE "scorecard_sku_week" (
    "sku_id" INTEGER NOT NULL,
    "sellers_from" TIMESTAMPTZ(3) NOT NULL,
    "week_from" TIMESTAMPTZ(3) NOT NULL,
    "week_to" TIMESTAMPTZ(3) NOT NULL,
    "config" TEXT NOT NULL,
    "stamp" BIGINT NOT NULL,
    "zero_ms" BIGINT NOT NULL,
    "available_end" INTEGER NOT NULL,
    "known" BOOLEAN NOT NULL,
    "units_4w" INTEGER NOT NULL,
    "units_24h" INTEGER NOT NULL,
    "units_7d" INTEGER NOT NULL,

    CONSTRAINT "scorecard_sku_week_pkey" PRIMARY KEY ("sku_id","sellers_from","week_from","week_to")
);

-- CreateTable
CREATE TABLE "scorecard_answer" (
    "key" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scorecard_answer_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "scorecard_sku_week_week_to_idx" ON "scorecard_sku_week"("week_to");

-- The scorecard's rollups are kept by the database as events are written (docs/SCORECARD.md,
-- "Rollups"): statement-level AFTER INSERT triggers over transition tables, so every writer (ingest,
-- counts, demo, holds) feeds them in the transaction that writes the events, and a late event lands
-- in the bucket of its own occurredAt. Buckets are 15 minutes of UTC ('q') and UTC days ('d'): every
-- zone's offset is a multiple of 15 minutes, so every local week edge is a 'q' edge.
-- (Statements on one line each, inner statements led by their semicolon: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_scorecard_events_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scorecard_order_units (grain, bucket, channel_id, type, reason, units)
  SELECT g.grain, date_bin(g.width, n.occurred_at, timestamptz 'epoch'), coalesce(n.channel_id, 0), n.type,
         CASE WHEN n.type = 'order.cancelled' THEN coalesce(n.reason, '') ELSE '' END, sum(n.quantity)
    FROM new_rows n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.type IN ('order.placed', 'order.cancelled')
   GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, bucket, channel_id, type, reason) DO UPDATE SET units = scorecard_order_units.units + EXCLUDED.units
  -- Ingest lag by receivedAt; Onepool's own holds are not ingested (server/reservations/hold-events.ts).
  ; INSERT INTO scorecard_ingest_lag (grain, bucket, channel_id, lag_ms, events)
  SELECT g.grain, date_bin(g.width, n.received_at, timestamptz 'epoch'), coalesce(n.channel_id, 0),
         round(EXTRACT(EPOCH FROM (n.received_at - n.occurred_at)) * 1000)::bigint, count(*)
    FROM new_rows n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.source <> 'onepool-reservations'
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, channel_id, lag_ms) DO UPDATE SET events = scorecard_ingest_lag.events + EXCLUDED.events
  -- The stamps of cached weeks (a SKU's, a whole answer's): events per SKU and UTC day of occurredAt.
  ; INSERT INTO scorecard_sku_day (sku_id, day, events)
  SELECT n.sku_id, (n.occurred_at AT TIME ZONE 'UTC')::date, count(*) FROM new_rows n GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (sku_id, day) DO UPDATE SET events = scorecard_sku_day.events + EXCLUDED.events
  ; INSERT INTO scorecard_sku_events (sku_id, events)
  SELECT n.sku_id, count(*) FROM new_rows n GROUP BY 1 ORDER BY 1
  ON CONFLICT (sku_id) DO UPDATE SET events = scorecard_sku_events.events + EXCLUDED.events
  ; IF EXISTS (SELECT 1 FROM new_rows n WHERE n.order_id <> '' AND n.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered')) THEN
    -- Order lines: create the missing ones, then lock every touched line (key order, as stock_level)
    -- so the next statement reads their latest committed state and its deltas are exact.
    INSERT INTO scorecard_order_line (order_id, sku_id)
    SELECT DISTINCT n.order_id, n.sku_id FROM new_rows n
     WHERE n.order_id <> '' AND n.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered') ORDER BY 1, 2
    ON CONFLICT DO NOTHING
    ; PERFORM 1 FROM scorecard_order_line l
      WHERE (l.order_id, l.sku_id) IN (SELECT n.order_id, n.sku_id FROM new_rows n WHERE n.order_id <> '' AND n.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered'))
      ORDER BY l.order_id, l.sku_id FOR UPDATE
    ; WITH agg AS (
      SELECT n.order_id, n.sku_id,
             (array_agg(n.channel_id ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1] AS channel_id,
             (array_agg((n.type <> 'order.placed')::int ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1] AS channel_rank,
             (array_agg(n.occurred_at ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1] AS channel_at,
             (array_agg(n.seq ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1] AS channel_seq,
             (array_agg(n.promised_at ORDER BY n.occurred_at, n.seq) FILTER (WHERE n.type = 'order.placed' AND n.promised_at IS NOT NULL))[1] AS promised_at,
             (array_agg(n.occurred_at ORDER BY n.occurred_at, n.seq) FILTER (WHERE n.type = 'order.placed' AND n.promised_at IS NOT NULL))[1] AS promise_at,
             (array_agg(n.seq ORDER BY n.occurred_at, n.seq) FILTER (WHERE n.type = 'order.placed' AND n.promised_at IS NOT NULL))[1] AS promise_seq,
             max(n.occurred_at) FILTER (WHERE n.type = 'order.shipped') AS shipped_at,
             max(n.occurred_at) FILTER (WHERE n.type = 'order.delivered') AS delivered_at,
             min(n.occurred_at) FILTER (WHERE n.type = 'order.reallocated') AS reallocated_at
        FROM new_rows n
       WHERE n.order_id <> '' AND n.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered')
       GROUP BY 1, 2),
    old AS (SELECT l.* FROM scorecard_order_line l JOIN agg a ON a.order_id = l.order_id AND a.sku_id = l.sku_id),
    upd AS (
      UPDATE scorecard_order_line l SET
        channel_id = CASE WHEN a.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (a.channel_rank, a.channel_at, a.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN a.channel_id ELSE l.channel_id END,
        channel_rank = CASE WHEN a.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (a.channel_rank, a.channel_at, a.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN a.channel_rank ELSE l.channel_rank END,
        channel_at = CASE WHEN a.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (a.channel_rank, a.channel_at, a.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN a.channel_at ELSE l.channel_at END,
        channel_seq = CASE WHEN a.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (a.channel_rank, a.channel_at, a.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN a.channel_seq ELSE l.channel_seq END,
        promised_at = CASE WHEN a.promise_at IS NOT NULL AND (l.promise_at IS NULL OR (a.promise_at, a.promise_seq) < (l.promise_at, l.promise_seq)) THEN a.promised_at ELSE l.promised_at END,
        promise_at = CASE WHEN a.promise_at IS NOT NULL AND (l.promise_at IS NULL OR (a.promise_at, a.promise_seq) < (l.promise_at, l.promise_seq)) THEN a.promise_at ELSE l.promise_at END,
        promise_seq = CASE WHEN a.promise_at IS NOT NULL AND (l.promise_at IS NULL OR (a.promise_at, a.promise_seq) < (l.promise_at, l.promise_seq)) THEN a.promise_seq ELSE l.promise_seq END,
        shipped_at = GREATEST(l.shipped_at, a.shipped_at),
        delivered_at = GREATEST(l.delivered_at, a.delivered_at),
        reallocated_at = LEAST(l.reallocated_at, a.reallocated_at)
        FROM agg a WHERE l.order_id = a.order_id AND l.sku_id = a.sku_id
      RETURNING l.*),
    -- Each line counts once where its last shipment (and, with a promise, its last delivery) falls:
    -- take back what its old state counted, add what its new state counts.
    moved AS (
      SELECT s.d, x.kind, x.at, coalesce(s.channel_id, 0) AS channel_id, x.ok
        FROM (SELECT -1 AS d, * FROM old UNION ALL SELECT 1, * FROM upd) s
       CROSS JOIN LATERAL (VALUES ('shipped', s.shipped_at, s.reallocated_at IS NULL OR s.reallocated_at > s.shipped_at),
                                  ('delivered', CASE WHEN s.promised_at IS NOT NULL THEN s.delivered_at END, s.delivered_at <= s.promised_at)) x(kind, at, ok)
       WHERE x.at IS NOT NULL)
    INSERT INTO scorecard_line_count (grain, bucket, channel_id, kind, ok, lines)
    SELECT g.grain, date_bin(g.width, m.at, timestamptz 'epoch'), m.channel_id, m.kind, m.ok, sum(m.d)
      FROM moved m CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(m.d) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (grain, bucket, channel_id, kind, ok) DO UPDATE SET lines = scorecard_line_count.lines + EXCLUDED.lines
  ; END IF
  ; RETURN NULL
; END $$;

CREATE TRIGGER event_scorecard_rollups AFTER INSERT ON "event" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_scorecard_events_inserted();

-- End-to-end lag by ackedAt, over the acknowledgements that carried a change.
CREATE OR REPLACE FUNCTION onepool_scorecard_acks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO scorecard_e2e_lag (grain, bucket, channel_id, lag_ms, acks) SELECT g.grain, date_bin(g.width, n.acked_at, timestamptz 'epoch'), n.channel_id, n.lag_ms, count(*) FROM new_rows n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width) WHERE n.lag_ms IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (grain, bucket, channel_id, lag_ms) DO UPDATE SET acks = scorecard_e2e_lag.acks + EXCLUDED.acks; RETURN NULL; END $$;

CREATE TRIGGER outbound_ack_scorecard_rollups AFTER INSERT ON "outbound_ack" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_scorecard_acks_inserted();

-- Rebuild every rollup from the ledger and the acknowledgements (also the backfill below; `npm run
-- rebuild` calls it). Writers wait meanwhile: the rollups must not miss a statement between the read and the swap.
CREATE OR REPLACE FUNCTION onepool_scorecard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE event, outbound_ack IN SHARE MODE
  ; TRUNCATE scorecard_order_units, scorecard_ingest_lag, scorecard_e2e_lag, scorecard_order_line, scorecard_line_count, scorecard_sku_day, scorecard_sku_events, scorecard_sku_week, scorecard_answer
  ; INSERT INTO scorecard_order_units (grain, bucket, channel_id, type, reason, units)
  SELECT g.grain, date_bin(g.width, n.occurred_at, timestamptz 'epoch'), coalesce(n.channel_id, 0), n.type,
         CASE WHEN n.type = 'order.cancelled' THEN coalesce(n.reason, '') ELSE '' END, sum(n.quantity)
    FROM event n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.type IN ('order.placed', 'order.cancelled') GROUP BY 1, 2, 3, 4, 5
  ; INSERT INTO scorecard_ingest_lag (grain, bucket, channel_id, lag_ms, events)
  SELECT g.grain, date_bin(g.width, n.received_at, timestamptz 'epoch'), coalesce(n.channel_id, 0),
         round(EXTRACT(EPOCH FROM (n.received_at - n.occurred_at)) * 1000)::bigint, count(*)
    FROM event n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.source <> 'onepool-reservations' GROUP BY 1, 2, 3, 4
  ; INSERT INTO scorecard_e2e_lag (grain, bucket, channel_id, lag_ms, acks)
  SELECT g.grain, date_bin(g.width, n.acked_at, timestamptz 'epoch'), n.channel_id, n.lag_ms, count(*)
    FROM outbound_ack n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.lag_ms IS NOT NULL GROUP BY 1, 2, 3, 4
  ; INSERT INTO scorecard_sku_day (sku_id, day, events)
  SELECT n.sku_id, (n.occurred_at AT TIME ZONE 'UTC')::date, count(*) FROM event n GROUP BY 1, 2
  ; INSERT INTO scorecard_sku_events (sku_id, events)
  SELECT n.sku_id, count(*) FROM event n GROUP BY 1
  ; INSERT INTO scorecard_order_line (order_id, sku_id, channel_id, channel_rank, channel_at, channel_seq, promised_at, promise_at, promise_seq, shipped_at, delivered_at, reallocated_at)
  SELECT n.order_id, n.sku_id,
         (array_agg(n.channel_id ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1],
         (array_agg((n.type <> 'order.placed')::int ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1],
         (array_agg(n.occurred_at ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1],
         (array_agg(n.seq ORDER BY n.type <> 'order.placed', n.occurred_at, n.seq) FILTER (WHERE n.channel_id IS NOT NULL))[1],
         (array_agg(n.promised_at ORDER BY n.occurred_at, n.seq) FILTER (WHERE n.type = 'order.placed' AND n.promised_at IS NOT NULL))[1],
         (array_agg(n.occurred_at ORDER BY n.occurred_at, n.seq) FILTER (WHERE n.type = 'order.placed' AND n.promised_at IS NOT NULL))[1],
         (array_agg(n.seq ORDER BY n.occurred_at, n.seq) FILTER (WHERE n.type = 'order.placed' AND n.promised_at IS NOT NULL))[1],
         max(n.occurred_at) FILTER (WHERE n.type = 'order.shipped'),
         max(n.occurred_at) FILTER (WHERE n.type = 'order.delivered'),
         min(n.occurred_at) FILTER (WHERE n.type = 'order.reallocated')
    FROM event n WHERE n.order_id <> '' AND n.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered')
   GROUP BY 1, 2
  ; INSERT INTO scorecard_line_count (grain, bucket, channel_id, kind, ok, lines)
  SELECT g.grain, date_bin(g.width, x.at, timestamptz 'epoch'), coalesce(s.channel_id, 0), x.kind, x.ok, count(*)
    FROM scorecard_order_line s
   CROSS JOIN LATERAL (VALUES ('shipped', s.shipped_at, s.reallocated_at IS NULL OR s.reallocated_at > s.shipped_at),
                              ('delivered', CASE WHEN s.promised_at IS NOT NULL THEN s.delivered_at END, s.delivered_at <= s.promised_at)) x(kind, at, ok)
   CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE x.at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
; END $$;

-- Backfill: a database that already holds events gets its rollups now.
SELECT onepool_scorecard_rebuild();
