import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { needsReason } from "@/lib/counts/count-reasons";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { ingestEvents } from "@/server/ingest/ingest-events";
import type { Services } from "@/server/services";
import { ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { announceCountChange } from "./announce-count-change";
import { lockCount } from "./save-count-lines";
import { systemAtCount } from "./system-at-count";

/** The ledger id of a count line's event: the same on every retry and every instance, so (source, id) makes it land once. */
export const countEventId = (countId: string, sku: string) => `count-${countId}-${sku}`;

/**
 * in_review → approved: one `cycle_count` per line (source onepool-counts, occurredAt = countedAt,
 * reason = the line's reason) through the ingest path, the one absolute of docs/QUANTITY-MODEL.md §4.
 *
 * Exactly once, even when approve is clicked twice or on two instances: the count row is locked
 * FOR UPDATE for the whole approval, so a second approver waits and then finds it approved; and
 * the event ids are deterministic, so if a crash lands the events but not the status, the retry's
 * events are duplicates and change nothing.
 */
export async function approveCount(services: Pick<Services, "pool" | "ingest">, id: string, reasons: Record<string, string>, actor: Actor) {
  return inTransaction(services.pool, async (db) => {
    const count = await lockCount(db, id);
    if (count.status === "approved") return { id, status: "approved" as const, events: 0, alreadyApproved: true };
    if (count.status !== "in_review") throw new AdminError(409, "not_in_review", `the count is ${count.status}: submit it for review first`, undefined, { status: count.status });
    const lines = await db.query<{ sku_id: number; sku: string; counted: number; counted_at: Date; reason: string | null; entered_by: string }>(
      `SELECT cl.sku_id, s.code AS sku, cl.counted, cl.counted_at, cl.reason, cl.entered_by
         FROM stock_count_line cl JOIN sku s ON s.id = cl.sku_id
        WHERE cl.count_id = $1 ORDER BY s.code`,
      [id],
    );
    // The reason rule applies to the variance the ledger will record: system as of each countedAt.
    const systems = await systemAtCount(
      db,
      count.location_id,
      lines.rows.map((l) => ({ skuId: l.sku_id, counted: l.counted, countedAt: l.counted_at, eventId: countEventId(id, l.sku) })),
    );
    const unknownReason = Object.keys(reasons).filter((sku) => !lines.rows.some((l) => l.sku === sku));
    if (unknownReason.length) throw new AdminError(422, "not_in_count", `no line for ${unknownReason.slice(0, 10).join(", ")}`, `reasons.${unknownReason[0]}`);
    for (const l of lines.rows) if (reasons[l.sku]) l.reason = reasons[l.sku];
    const missing = lines.rows.filter((l) => !l.reason && needsReason(systems.get(l.sku_id) ?? 0, l.counted)).map((l) => l.sku);
    if (missing.length) {
      throw new AdminError(422, "reasons_required", `a reason is needed for ${missing.length} line(s): ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? "…" : ""}`, "reasons", {
        skus: missing,
      });
    }
    if (Object.keys(reasons).length) {
      const given = lines.rows.filter((l) => reasons[l.sku]);
      await db.query("UPDATE stock_count_line cl SET reason = u.reason FROM unnest($2::int[], $3::text[]) AS u(sku_id, reason) WHERE cl.count_id = $1 AND cl.sku_id = u.sku_id", [
        id,
        given.map((l) => l.sku_id),
        given.map((l) => l.reason),
      ]);
    }
    const events = lines.rows.map((l) => ({
      id: countEventId(id, l.sku),
      source: ONEPOOL_COUNTS_SOURCE,
      type: "cycle_count",
      sku: l.sku,
      location: count.location,
      quantity: l.counted,
      occurredAt: l.counted_at.toISOString(),
      reason: l.reason ?? "cycle count",
      payload: { countId: id, countedBy: l.entered_by, approvedBy: actor.label, actorKind: actor.kind, actorId: actor.id },
    }));
    const results = await ingestEvents(services.ingest, events, { token: null, receivedAt: new Date() });
    const refused = results.flatMap((r, i) => (r.status === "rejected" ? [{ sku: events[i].sku, code: r.error.code, message: r.error.message }] : []));
    if (refused.length) {
      // The status stays in_review (this transaction rolls back); lines that did land are duplicates on the retry.
      throw new AdminError(422, "lines_refused", `${refused.length} line(s) were refused by the ledger: ${refused[0].sku}: ${refused[0].message}`, "lines", { refused: refused.slice(0, 100) });
    }
    const accepted = results.filter((r) => r.status === "accepted").length;
    await db.query("UPDATE stock_count SET status = 'approved', approved_at = now(), approved_by = $2 WHERE id = $1", [id, actor.label]);
    await announceCountChange(db, { id, status: "approved", location: count.location });
    await recordAudit(db, {
      actor,
      action: "count.approved",
      target: `count:${id}`,
      details: { location: count.location, lines: events.length, accepted, duplicates: events.length - accepted },
      before: { status: "in_review" },
      after: { status: "approved" },
    });
    return { id, status: "approved" as const, events: accepted, alreadyApproved: false };
  });
}
