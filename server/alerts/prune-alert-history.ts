import "server-only";
import type pg from "pg";

/**
 * Alert turns older than the history retention, and mutes that ended: both grow without end
 * otherwise. Alerts themselves stay (one row per kind and subject, so bounded by the subjects).
 * Destination messages sent or given up, and turns whose alert_event is gone, go with them.
 */
export async function pruneAlertHistory(pool: pg.Pool, retentionDays: number): Promise<void> {
  await pool.query("DELETE FROM alert_event WHERE at < now() - make_interval(days => $1)", [retentionDays]);
  await pool.query("DELETE FROM alert_mute WHERE until < now() - interval '1 day'");
  await pool.query("DELETE FROM alert_delivery WHERE state <> 'pending' AND created_at < now() - make_interval(days => $1)", [retentionDays]);
  await pool.query("DELETE FROM alert_destination_item WHERE at < now() - make_interval(days => $1)", [retentionDays]);
}
