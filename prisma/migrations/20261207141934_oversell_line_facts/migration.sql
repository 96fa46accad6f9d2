-- CreateTable
CREATE TABLE "oversell_line_facts" (
    "seq" BIGINT NOT NULL,
    "sku_id" INTEGER NOT NULL,
    "config" TEXT NOT NULL,
    "events" BIGINT NOT NULL,
    "high_water" TIMESTAMPTZ(3) NOT NULL,
    "late" BIGINT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "placed_event" TEXT,
    "channel_id" INTEGER,
    "available_known" INTEGER NOT NULL,
    "available_real" INTEGER NOT NULL,
    "ingest_lag_ms" BIGINT,
    "correction_units" INTEGER NOT NULL,
    "other_channel_units" INTEGER NOT NULL,
    "published" INTEGER,
    "acknowledged" INTEGER,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oversell_line_facts_pkey" PRIMARY KEY ("seq")
);

-- The rebuild (onepool_scorecard_rebuild) empties scorecard_sku_events and counts `late` from 1 again,
-- so a kept line's stamp could match a later counter by chance: its facts go with the stamps.
CREATE OR REPLACE FUNCTION onepool_oversell_line_facts_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN TRUNCATE oversell_line_facts; RETURN NULL; END $$;
CREATE TRIGGER scorecard_sku_events_forget_line_facts
  AFTER TRUNCATE ON "scorecard_sku_events"
  FOR EACH STATEMENT EXECUTE FUNCTION onepool_oversell_line_facts_forget();
