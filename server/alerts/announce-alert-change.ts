import "server-only";
import type pg from "pg";
import { getAlerts, type AlertView } from "./get-alerts";

/** The Postgres channel alert changes travel on to every instance (server/realtime/credential-bus.ts listens; the hub sends them on the `alerts` room). */
export const ALERT_CHANNEL = "onepool_alert_changed";

/** What changed: the engine's opened / reopened / resolved, a person's acknowledged, muted or unmuted. */
export type AlertChangeKind = "opened" | "reopened" | "resolved" | "acknowledged" | "muted" | "unmuted";

export interface AlertChange {
  change: AlertChangeKind;
  alert: AlertView;
}

// pg_notify payloads must stay under 8,000 bytes: a large value travels without its details.
const MAX_PAYLOAD = 7_000;

/**
 * Inside the transaction that changed the alerts: Postgres delivers on commit only, to every
 * listening instance, so live screens (and later destinations) hear each change exactly once and
 * never one that rolled back.
 */
export async function announceAlertChanges(db: Pick<pg.PoolClient, "query">, changes: { id: string; change: AlertChangeKind }[]): Promise<AlertChange[]> {
  if (changes.length === 0) return [];
  const views = new Map((await getAlerts(db, { ids: changes.map((c) => c.id), state: "all", limit: changes.length })).map((v) => [v.id, v]));
  const out: AlertChange[] = [];
  for (const c of changes) {
    const alert = views.get(c.id);
    if (!alert) continue;
    let payload = JSON.stringify({ change: c.change, alert });
    if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ change: c.change, alert: { ...alert, value: { truncated: true } } });
    await db.query("SELECT pg_notify($1, $2)", [ALERT_CHANNEL, payload]);
    out.push({ change: c.change, alert });
  }
  return out;
}

/** Parses a notification; null when it is not one of ours. */
export function parseAlertChange(payload: string | undefined): AlertChange | null {
  try {
    const msg = JSON.parse(payload ?? "") as { change?: unknown; alert?: { id?: unknown; kind?: unknown } };
    if (typeof msg.change !== "string" || typeof msg.alert?.id !== "string" || typeof msg.alert.kind !== "string") return null;
    return msg as AlertChange;
  } catch {
    return null;
  }
}
