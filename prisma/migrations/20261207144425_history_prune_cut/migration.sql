-- AlterTable
ALTER TABLE "scorecard_oversell_week" ADD COLUMN     "first_placed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "scorecard_history_epoch" ADD COLUMN     "cut" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "outbound_ack_channel_id_sku_id_acked_at_idx" ON "outbound_ack"("channel_id", "sku_id", "acked_at");

-- Pruning (docs/OVERSELLS.md, "Retention") deletes rows older than the retention every hour. Deleting a row changes
-- "the number in force at t" (server/oversells/load-channel-numbers-at.ts: the last row by (at, id) at or before t) only
-- for t from the row to the next row of its (SKU, channel) that remains. So a deletion no longer bumps the epoch, which
-- made every kept oversell fact and week count stale each hour: it records `cut`, the latest such next row's instant,
-- and kept answers for instants at or after the cut stay current (docs/OVERSELLS.md, "Kept facts"). A deleted row with
-- no later row left (a manual delete of the number in force) changes every later answer: the epoch moves as before.
-- One function for both tables: TG_ARGV[0] is the table's time column (fixed names, from the triggers below).
CREATE OR REPLACE FUNCTION onepool_scorecard_history_cut() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    UPDATE scorecard_history_epoch e SET cut = GREATEST(e.cut, x.next_at), epoch = e.epoch + CASE WHEN x.open THEN 1 ELSE 0 END
      FROM (SELECT max(n.at) AS next_at, bool_or(n.at IS NULL) AS open
              FROM old_rows o
              CROSS JOIN LATERAL (SELECT min(h.%1$I) AS at FROM %2$I h
                                   WHERE h.sku_id = o.sku_id AND h.channel_id = o.channel_id AND h.%1$I >= o.%1$I AND (h.%1$I, h.id) > (o.%1$I, o.id)) n) x
     WHERE e.id = 1 AND (x.next_at IS NOT NULL OR x.open)$q$, TG_ARGV[0], TG_TABLE_NAME)
  ; RETURN NULL
; END $$;

DROP TRIGGER published_history_scorecard_epoch_deleted ON "published_history";
DROP TRIGGER outbound_ack_scorecard_epoch_deleted ON "outbound_ack";
DROP FUNCTION onepool_scorecard_history_deleted();

CREATE TRIGGER published_history_scorecard_epoch_deleted AFTER DELETE ON "published_history" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_scorecard_history_cut('at');

CREATE TRIGGER outbound_ack_scorecard_epoch_deleted AFTER DELETE ON "outbound_ack" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION onepool_scorecard_history_cut('acked_at');
