import "server-only";
import type pg from "pg";
import { actorCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { announceCountChange } from "./announce-count-change";
import { lockCount } from "./save-count-lines";

/** open → in_review: the counter is done; a count with no line has nothing to review. */
export async function submitCount(pool: pg.Pool, id: string, actor: Actor) {
  return inTransaction(pool, async (db) => {
    const count = await lockCount(db, id);
    if (count.status === "in_review") return { id, status: "in_review" as const };
    if (count.status !== "open") throw new AdminError(409, "count_closed", `the count is ${count.status}`, undefined, { status: count.status });
    const n = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stock_count_line WHERE count_id = $1", [id]);
    if (n.rows[0].n === 0) throw new AdminError(422, "no_lines", "count at least one SKU before submitting", "lines");
    await db.query("UPDATE stock_count SET status = 'in_review', submitted_at = now() WHERE id = $1", [id]);
    await announceCountChange(db, { id, status: "in_review", location: count.location });
    await recordAudit(db, {
      actor,
      action: "count.submitted",
      target: `count:${id}`,
      details: { location: count.location, lines: n.rows[0].n },
      before: { status: "open" },
      after: { status: "in_review" },
    });
    return { id, status: "in_review" as const };
  });
}

/** open | in_review → cancelled: the lines never reach the ledger. Its creator or a reviewer may. */
export async function cancelCount(pool: pg.Pool, id: string, actor: Actor) {
  return inTransaction(pool, async (db) => {
    const count = await lockCount(db, id);
    const mine = actor.id !== null && actor.id === count.created_by_id;
    if (!mine && !actorCan(actor, "counts.approve")) throw new AdminError(403, "forbidden", "only whoever opened the count or a merchandiser and above may cancel it");
    if (count.status === "cancelled") return { id, status: "cancelled" as const };
    if (count.status === "approved") throw new AdminError(409, "count_closed", "the count is approved: its lines are in the ledger", undefined, { status: count.status });
    await db.query("UPDATE stock_count SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2 WHERE id = $1", [id, actor.label]);
    await announceCountChange(db, { id, status: "cancelled", location: count.location });
    await recordAudit(db, { actor, action: "count.cancelled", target: `count:${id}`, details: { location: count.location }, before: { status: count.status }, after: { status: "cancelled" } });
    return { id, status: "cancelled" as const };
  });
}
