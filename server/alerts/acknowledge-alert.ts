import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { announceAlertChanges } from "./announce-alert-change";
import { getAlerts, type AlertView } from "./get-alerts";

/**
 * Anyone who reads may acknowledge an open alert (docs/ALERTS.md): who and when, audited, announced.
 * Acknowledging it again changes nothing and answers as it is; a resolved alert is a 409 (there
 * is nothing left to look at; it opens again, unacknowledged, if its condition returns).
 */
export async function acknowledgeAlert(pool: pg.Pool, id: string, actor: Actor): Promise<AlertView> {
  return inTransaction(pool, async (db) => {
    const r = await db.query<{ state: string; kind: string; acknowledged_by: string | null }>("SELECT state, kind, acknowledged_by FROM alert WHERE id = $1 FOR UPDATE", [id]);
    const row = r.rows[0];
    if (!row) throw new AdminError(404, "not_found", `no alert ${id}`);
    if (row.state !== "open") throw new AdminError(409, "not_open", `alert ${id} is ${row.state}: only an open alert can be acknowledged`);
    if (row.acknowledged_by === null) {
      await db.query("UPDATE alert SET acknowledged_by = $2, acknowledged_at = now() WHERE id = $1", [id, actor.label]);
      await db.query("INSERT INTO alert_event (alert_id, change, actor) VALUES ($1, 'acknowledged', $2)", [id, actor.label]);
      const [a] = await announceAlertChanges(db, [{ id, change: "acknowledged" }]);
      const subject = {
        sku: a.alert.sku,
        channel: a.alert.channel,
        location: a.alert.location,
        source: a.alert.source,
        listing: a.alert.listing && `${a.alert.listing.channel}/${a.alert.listing.externalId}`,
      };
      await recordAudit(db, { actor, action: "alert.acknowledged", target: `alert:${id}`, details: { kind: row.kind, ...subject }, before: { acknowledged: false }, after: { acknowledged: true } });
      return a.alert;
    }
    return (await getAlerts(db, { ids: [id], state: "all", limit: 1 }))[0];
  });
}
