-- CreateTable
CREATE TABLE "scorecard_event_hour" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "scorecard_event_hour_pkey" PRIMARY KEY ("hour")
);

-- The drain, as in 20261207111110, also counting each event in scorecard_event_hour.
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
  -- Events per occurredAt hour: the kept oversell counts' stamps (server/scorecard/oversell-cache.ts).
  ; INSERT INTO scorecard_event_hour (hour, events)
  SELECT date_bin(interval '1 hour', n.occurred_at, timestamptz 'epoch'), count(*) FROM unnest(v_rows) n GROUP BY 1
  ON CONFLICT (hour) DO UPDATE SET events = scorecard_event_hour.events + EXCLUDED.events
  -- The cached weeks' stamps: per SKU its events, latest occurredAt, and a bump when events arrive
  -- that occurred before that latest one (or are the SKU's first).
  ; WITH agg AS (SELECT n.sku_id, count(*) AS n, min(n.occurred_at) AS lo, max(n.occurred_at) AS hi FROM unnest(v_rows) n GROUP BY 1),
    upd AS (
      UPDATE scorecard_sku_events t SET events = t.events + a.n, high_water = GREATEST(t.high_water, a.hi), late = t.late + (a.lo < t.high_water)::int, first_at = LEAST(t.first_at, a.lo)
        FROM agg a WHERE t.sku_id = a.sku_id RETURNING t.sku_id)
  INSERT INTO scorecard_sku_events (sku_id, events, high_water, late, first_at) SELECT a.sku_id, a.n, a.hi, 1, a.lo FROM agg a WHERE a.sku_id NOT IN (SELECT sku_id FROM upd)
  -- Kept fold states (scorecard_sku_fold) after the earliest of a SKU's new events no longer hold: deleted here,
  -- after the stamps' rows are updated above (their row locks order this against the preparer's guarded insert).
  ; DELETE FROM scorecard_sku_fold f USING (SELECT n.sku_id, min(n.occurred_at) AS lo FROM unnest(v_rows) n GROUP BY 1) a
     WHERE f.sku_id = a.sku_id AND f.week_end > a.lo
  -- Checkpoints likewise: one holds the events before its instant, so an event before it makes it wrong. One at
  -- exactly the event's instant does not hold it yet, and stays.
  ; DELETE FROM scorecard_sku_checkpoint c USING (SELECT n.sku_id, min(n.occurred_at) AS lo FROM unnest(v_rows) n GROUP BY 1) a
     WHERE c.sku_id = a.sku_id AND c.at > a.lo
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

-- The rebuild, as in 20261207111110, also refilling scorecard_event_hour.
CREATE OR REPLACE FUNCTION onepool_scorecard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7400169, 16)
  ; LOCK TABLE event, outbound_ack IN SHARE MODE
  ; TRUNCATE scorecard_pending, scorecard_order_units, scorecard_ingest_lag, scorecard_e2e_lag, scorecard_order_line, scorecard_line_count, scorecard_sku_events, scorecard_sku_week, scorecard_answer, scorecard_sku_prepared, scorecard_oversell_week, scorecard_sku_fold, scorecard_sku_checkpoint, scorecard_event_hour
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
  ; INSERT INTO scorecard_event_hour (hour, events) SELECT date_bin(interval '1 hour', n.occurred_at, timestamptz 'epoch'), count(*) FROM event n GROUP BY 1
  ; INSERT INTO scorecard_sku_events (sku_id, events, high_water, late, first_at) SELECT n.sku_id, count(*), max(n.occurred_at), 1, min(n.occurred_at) FROM event n GROUP BY 1
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

-- The backfill: the ledger so far per hour, but for the events still queued, which the drain counts
-- when it folds them. Under the drain's lock, so none runs between the read of the queue and the counts.
DO $$
BEGIN
  PERFORM pg_advisory_xact_lock(7400169, 16)
  ; INSERT INTO scorecard_event_hour (hour, events)
  SELECT date_bin(interval '1 hour', n.occurred_at, timestamptz 'epoch'), count(*) FROM event n
   WHERE NOT EXISTS (SELECT 1 FROM (SELECT unnest(p.seqs) AS seq FROM scorecard_pending p) q WHERE q.seq = n.seq)
   GROUP BY 1
; END $$;
