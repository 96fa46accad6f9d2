-- CreateTable
CREATE TABLE "counted_line" (
    "seq" BIGINT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "system" INTEGER NOT NULL,
    "counted" INTEGER NOT NULL,
    "variance" INTEGER NOT NULL,
    "bucket" TEXT NOT NULL,
    "previous_at" TIMESTAMPTZ(3),
    "unit_cost_cents" INTEGER,

    CONSTRAINT "counted_line_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "counted_rollup" (
    "day" DATE NOT NULL,
    "location_id" INTEGER NOT NULL,
    "bucket" TEXT NOT NULL,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "net" BIGINT NOT NULL DEFAULT 0,
    "absolute" BIGINT NOT NULL DEFAULT 0,
    "system" BIGINT NOT NULL DEFAULT 0,
    "accurate" INTEGER NOT NULL DEFAULT 0,
    "valued" INTEGER NOT NULL DEFAULT 0,
    "value_cents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "counted_rollup_pkey" PRIMARY KEY ("day","location_id","bucket")
);

-- CreateTable
CREATE TABLE "drift_state" (
    "source" TEXT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "bucket" TEXT NOT NULL,
    "drift" INTEGER NOT NULL,
    "pool" INTEGER NOT NULL,
    "reported" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "since" TIMESTAMPTZ(3),

    CONSTRAINT "drift_state_pkey" PRIMARY KEY ("source","sku_id","location_id")
);

-- CreateIndex
CREATE INDEX "counted_line_occurred_at_idx" ON "counted_line"("occurred_at");

-- CreateIndex
CREATE INDEX "counted_line_location_id_occurred_at_idx" ON "counted_line"("location_id", "occurred_at");

-- CreateIndex
CREATE INDEX "counted_line_sku_id_location_id_idx" ON "counted_line"("sku_id", "location_id");

-- CreateIndex
CREATE INDEX "drift_state_sku_id_location_id_idx" ON "drift_state"("sku_id", "location_id");

-- Backfill from the absolute effects already recorded (a trusted cycle_count's variance), so an
-- existing install has its counted lines without a rebuild. Drift runs are filled by `npm run rebuild`.
INSERT INTO "counted_line" ("seq", "sku_id", "location_id", "source", "occurred_at", "system", "counted", "variance", "bucket", "previous_at", "unit_cost_cents")
SELECT x.seq, x.sku_id, x.location_id, x.source, x.occurred_at, x.quantity + x.amount, x.quantity, x.amount,
       CASE WHEN x.prev IS NULL THEN '>90'
            WHEN floor(extract(epoch FROM x.occurred_at - x.prev) / 86400) <= 7 THEN '0-7'
            WHEN floor(extract(epoch FROM x.occurred_at - x.prev) / 86400) <= 30 THEN '8-30'
            WHEN floor(extract(epoch FROM x.occurred_at - x.prev) / 86400) <= 90 THEN '31-90'
            ELSE '>90' END,
       x.prev, x.cents
  FROM (SELECT ef.seq, ef.sku_id, ef.location_id, e.source, e.occurred_at, e.quantity, ef.amount,
               lag(e.occurred_at) OVER (PARTITION BY ef.sku_id, ef.location_id ORDER BY e.occurred_at, ef.seq) AS prev,
               (s.unit_cost * 100)::int AS cents
          FROM "event_effect" ef JOIN "event" e ON e.seq = ef.seq JOIN "sku" s ON s.id = ef.sku_id
         WHERE ef.kind = 'variance' AND e.type = 'cycle_count') x;

INSERT INTO "counted_rollup" ("day", "location_id", "bucket", "lines", "net", "absolute", "system", "accurate", "valued", "value_cents")
SELECT (occurred_at AT TIME ZONE 'UTC')::date, location_id, bucket, count(*), sum(variance), sum(abs(variance)), sum(system),
       count(*) FILTER (WHERE variance = 0), count(unit_cost_cents), coalesce(sum(abs(variance)::bigint * unit_cost_cents), 0)
  FROM "counted_line" GROUP BY 1, 2, 3;
