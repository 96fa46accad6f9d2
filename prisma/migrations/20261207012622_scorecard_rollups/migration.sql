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
CREATE TABLE "scorecard_sku_events" (
    "sku_id" INTEGER NOT NULL,
    "events" BIGINT NOT NULL,
    "high_water" TIMESTAMPTZ(3) NOT NULL,
    "late" BIGINT NOT NULL,

    CONSTRAINT "scorecard_sku_events_pkey" PRIMARY KEY ("sku_id")
);

-- CreateTable
CREATE TABLE "scorecard_pending" (
    "id" BIGSERIAL NOT NULL,
    "seqs" BIGINT[],

    CONSTRAINT "scorecard_pending_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scorecard_sku_week" (
    "sku_id" INTEGER NOT NULL,
    "sellers_from" TIMESTAMPTZ(3) NOT NULL,
    "week_from" TIMESTAMPTZ(3) NOT NULL,
    "week_to" TIMESTAMPTZ(3) NOT NULL,
    "config" TEXT NOT NULL,
    "events" BIGINT NOT NULL,
    "high_water" TIMESTAMPTZ(3),
    "late" BIGINT NOT NULL,
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

-- The scorecard's rollups (docs/SCORECARD.md, "Rollups"). Every INSERT into event queues its seqs
-- (a statement-level trigger over the transition table, so every writer is covered: ingest, counts,
-- holds, the demo, SQL) in the transaction that writes the events; onepool_scorecard_drain folds
-- the queue into the rollups in the background and before each read, off the ingest's commit path.
-- A late event lands in the bucket of its own occurredAt. Buckets: 15 minutes of UTC ('q') and UTC
-- days ('d'); every zone's offset is a multiple of 15 minutes, so every local week edge is a 'q' edge.
-- (Statements on one line each, inner statements led by their semicolon: Prisma's wasm engine splits migration scripts at line-ending semicolons.)
CREATE OR REPLACE FUNCTION onepool_scorecard_events_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO scorecard_pending (seqs) SELECT array_agg(seq) FROM new_rows HAVING count(*) > 0; RETURN NULL; END $$;

CREATE TRIGGER event_scorecard_rollups AFTER INSERT ON "event" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_scorecard_events_inserted();

-- The columns of an event the rollups read.
CREATE TYPE onepool_scorecard_event AS (seq bigint, source text, type text, sku_id int, channel_id int, quantity int, occurred_at timestamptz, received_at timestamptz, order_id text, reason text, promised_at timestamptz);

-- Fold queued events into the rollups, in one transaction.
-- Drains (and the rebuild) run one at a time (an advisory lock), so each reads the state the last
-- one committed. Returns the number of events folded.
CREATE OR REPLACE FUNCTION onepool_scorecard_drain(statements int DEFAULT 200) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_ids bigint[]
; v_rows onepool_scorecard_event[]
; BEGIN
  PERFORM pg_advisory_xact_lock(7400169, 16)
  -- At most `statements` queue rows, and no more rows once 20,000 events are taken (a bulk load's backlog goes in bounded transactions).
  ; SELECT array_agg(id) INTO v_ids FROM (
      SELECT id, sum(cardinality(seqs)) OVER (ORDER BY id) - cardinality(seqs) AS before FROM (SELECT id, seqs FROM scorecard_pending ORDER BY id LIMIT statements) q) p
     WHERE before < 20000
  ; IF v_ids IS NULL THEN RETURN 0
  ; END IF
  ; SELECT array_agg(ROW(e.seq, e.source, e.type, e.sku_id, e.channel_id, e.quantity, e.occurred_at, e.received_at, e.order_id, e.reason, e.promised_at)::onepool_scorecard_event)
      INTO v_rows FROM event e WHERE e.seq IN (SELECT unnest(p.seqs) FROM scorecard_pending p WHERE p.id = ANY(v_ids))
  ; DELETE FROM scorecard_pending WHERE id = ANY(v_ids)
  ; IF v_rows IS NULL THEN RETURN 0
  ; END IF
  ; INSERT INTO scorecard_order_units (grain, bucket, channel_id, type, reason, units)
  SELECT g.grain, date_bin(g.width, n.occurred_at, timestamptz 'epoch'), coalesce(n.channel_id, 0), n.type,
         CASE WHEN n.type = 'order.cancelled' THEN coalesce(n.reason, '') ELSE '' END, sum(n.quantity)
    FROM unnest(v_rows) n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.type IN ('order.placed', 'order.cancelled')
   GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, bucket, channel_id, type, reason) DO UPDATE SET units = scorecard_order_units.units + EXCLUDED.units
  -- Ingest lag by receivedAt; Onepool's own holds are not ingested (server/reservations/hold-events.ts).
  ; INSERT INTO scorecard_ingest_lag (grain, bucket, channel_id, lag_ms, events)
  SELECT g.grain, date_bin(g.width, n.received_at, timestamptz 'epoch'), coalesce(n.channel_id, 0),
         round(EXTRACT(EPOCH FROM (n.received_at - n.occurred_at)) * 1000)::bigint, count(*)
    FROM unnest(v_rows) n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   WHERE n.source <> 'onepool-reservations'
   GROUP BY 1, 2, 3, 4
  ON CONFLICT (grain, bucket, channel_id, lag_ms) DO UPDATE SET events = scorecard_ingest_lag.events + EXCLUDED.events
  -- The cached weeks' stamps: per SKU its events, latest occurredAt, and a bump when events arrive
  -- that occurred before that latest one (or are the SKU's first).
  ; WITH agg AS (SELECT n.sku_id, count(*) AS n, min(n.occurred_at) AS lo, max(n.occurred_at) AS hi FROM unnest(v_rows) n GROUP BY 1),
    upd AS (
      UPDATE scorecard_sku_events t SET events = t.events + a.n, high_water = GREATEST(t.high_water, a.hi), late = t.late + (a.lo < t.high_water)::int
        FROM agg a WHERE t.sku_id = a.sku_id RETURNING t.sku_id)
  INSERT INTO scorecard_sku_events (sku_id, events, high_water, late) SELECT a.sku_id, a.n, a.hi, 1 FROM agg a WHERE a.sku_id NOT IN (SELECT sku_id FROM upd)
  -- Order lines: each line's new events folded into its row; its count moved from where its old
  -- state counted (−1) to where the new one does (+1): its last shipment (ok = not reallocated by
  -- then) and, with a promise, its last delivery (ok = on time).
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
        FROM unnest(v_rows) n
       WHERE n.order_id <> '' AND n.type IN ('order.placed', 'order.reallocated', 'order.shipped', 'order.delivered')
       GROUP BY 1, 2),
    old AS (SELECT l.* FROM scorecard_order_line l JOIN agg a ON a.order_id = l.order_id AND a.sku_id = l.sku_id),
    up AS (
      INSERT INTO scorecard_order_line AS l (order_id, sku_id, channel_id, channel_rank, channel_at, channel_seq, promised_at, promise_at, promise_seq, shipped_at, delivered_at, reallocated_at)
      SELECT * FROM agg
      ON CONFLICT (order_id, sku_id) DO UPDATE SET
        channel_id = CASE WHEN EXCLUDED.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (EXCLUDED.channel_rank, EXCLUDED.channel_at, EXCLUDED.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN EXCLUDED.channel_id ELSE l.channel_id END,
        channel_rank = CASE WHEN EXCLUDED.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (EXCLUDED.channel_rank, EXCLUDED.channel_at, EXCLUDED.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN EXCLUDED.channel_rank ELSE l.channel_rank END,
        channel_at = CASE WHEN EXCLUDED.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (EXCLUDED.channel_rank, EXCLUDED.channel_at, EXCLUDED.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN EXCLUDED.channel_at ELSE l.channel_at END,
        channel_seq = CASE WHEN EXCLUDED.channel_id IS NOT NULL AND (l.channel_id IS NULL OR (EXCLUDED.channel_rank, EXCLUDED.channel_at, EXCLUDED.channel_seq) < (l.channel_rank, l.channel_at, l.channel_seq)) THEN EXCLUDED.channel_seq ELSE l.channel_seq END,
        promised_at = CASE WHEN EXCLUDED.promise_at IS NOT NULL AND (l.promise_at IS NULL OR (EXCLUDED.promise_at, EXCLUDED.promise_seq) < (l.promise_at, l.promise_seq)) THEN EXCLUDED.promised_at ELSE l.promised_at END,
        promise_at = CASE WHEN EXCLUDED.promise_at IS NOT NULL AND (l.promise_at IS NULL OR (EXCLUDED.promise_at, EXCLUDED.promise_seq) < (l.promise_at, l.promise_seq)) THEN EXCLUDED.promise_at ELSE l.promise_at END,
        promise_seq = CASE WHEN EXCLUDED.promise_at IS NOT NULL AND (l.promise_at IS NULL OR (EXCLUDED.promise_at, EXCLUDED.promise_seq) < (l.promise_at, l.promise_seq)) THEN EXCLUDED.promise_seq ELSE l.promise_seq END,
        shipped_at = GREATEST(l.shipped_at, EXCLUDED.shipped_at),
        delivered_at = GREATEST(l.delivered_at, EXCLUDED.delivered_at),
        reallocated_at = LEAST(l.reallocated_at, EXCLUDED.reallocated_at)
      RETURNING l.*),
    moved AS (
      SELECT s.d, x.kind, x.at, coalesce(s.channel_id, 0) AS channel_id, x.ok
        FROM (SELECT -1 AS d, * FROM old UNION ALL SELECT 1, * FROM up) s
       CROSS JOIN LATERAL (VALUES ('shipped', s.shipped_at, s.reallocated_at IS NULL OR s.reallocated_at > s.shipped_at),
                                  ('delivered', CASE WHEN s.promised_at IS NOT NULL THEN s.delivered_at END, s.delivered_at <= s.promised_at)) x(kind, at, ok)
       WHERE x.at IS NOT NULL)
  INSERT INTO scorecard_line_count (grain, bucket, channel_id, kind, ok, lines)
  SELECT g.grain, date_bin(g.width, m.at, timestamptz 'epoch'), m.channel_id, m.kind, m.ok, sum(m.d)
    FROM moved m CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width)
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(m.d) <> 0
  ON CONFLICT (grain, bucket, channel_id, kind, ok) DO UPDATE SET lines = scorecard_line_count.lines + EXCLUDED.lines
  ; RETURN cardinality(v_rows)
; END $$;

-- End-to-end lag by ackedAt, over the acknowledgements that carried a change: folded at once (acks
-- are written by the outbound dispatcher, not on the ingest's commit path).
CREATE OR REPLACE FUNCTION onepool_scorecard_acks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO scorecard_e2e_lag (grain, bucket, channel_id, lag_ms, acks) SELECT g.grain, date_bin(g.width, n.acked_at, timestamptz 'epoch'), n.channel_id, n.lag_ms, count(*) FROM new_rows n CROSS JOIN (VALUES ('q', interval '15 minutes'), ('d', interval '1 day')) g(grain, width) WHERE n.lag_ms IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (grain, bucket, channel_id, lag_ms) DO UPDATE SET acks = scorecard_e2e_lag.acks + EXCLUDED.acks; RETURN NULL; END $$;

CREATE TRIGGER outbound_ack_scorecard_rollups AFTER INSERT ON "outbound_ack" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_scorecard_acks_inserted();

-- Rebuild every rollup from the ledger and the acknowledgements, and forget the cached weeks (also
-- the backfill below; `npm run rebuild` calls it). Writers of events and acknowledgements wait
-- meanwhile, and so do drains: the queue is emptied with the rollups it would have fed.
CREATE OR REPLACE FUNCTION onepool_scorecard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7400169, 16)
  ; LOCK TABLE event, outbound_ack IN SHARE MODE
  ; TRUNCATE scorecard_pending, scorecard_order_units, scorecard_ingest_lag, scorecard_e2e_lag, scorecard_order_line, scorecard_line_count, scorecard_sku_events, scorecard_sku_week, scorecard_answer
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
  ; INSERT INTO scorecard_sku_events (sku_id, events, high_water, late) SELECT n.sku_id, count(*), max(n.occurred_at), 1 FROM event n GROUP BY 1
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

