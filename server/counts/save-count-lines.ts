import "server-only";
import type pg from "pg";
import { actorCan, type Actor } from "@/lib/auth/actor";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { announceCountChange } from "./announce-count-change";
import type { CountLineInput } from "@/lib/contracts/counts";

/** How far in the future a given countedAt may be (clocks of tablets drift a little). */
const FUTURE_TOLERANCE_MS = 60_000;

type Line = CountLineInput & { csvLine?: number };

const where = (l: Line) => (l.csvLine ? ` (CSV line ${l.csvLine})` : "");

/** Lock a count row for a change; 404 when it does not exist. */
export async function lockCount(db: pg.PoolClient, id: string) {
  const r = await db.query<{ id: string; location_id: number; location: string; status: string; blind: boolean; expected: number[] | null; created_by_id: string | null }>(
    "SELECT c.id, c.location_id, l.code AS location, c.status, c.blind, c.expected, c.created_by_id FROM stock_count c JOIN location l ON l.id = c.location_id WHERE c.id = $1 FOR UPDATE OF c",
    [id],
  );
  if (!r.rows[0]) throw new AdminError(404, "not_found", `no count "${id}"`);
  return r.rows[0];
}

/**
 * Enter lines into a count: one line per SKU, so a recount replaces the line (countedAt, reason and
 * who entered it with it). While open anyone with counts.write may; during review only a reviewer
 * (a recount asked for at review). Every line is checked before any is written.
 */
export async function saveCountLines(pool: pg.Pool, id: string, lines: Line[], actor: Actor): Promise<{ lines: number; replaced: number }> {
  return inTransaction(pool, async (db) => {
    const count = await lockCount(db, id);
    const reviewer = actorCan(actor, "counts.approve");
    if (!(count.status === "open" || (count.status === "in_review" && reviewer))) {
      throw new AdminError(409, "count_closed", count.status === "in_review" ? "the count is in review: only a reviewer may change its lines" : `the count is ${count.status}`, undefined, {
        status: count.status,
      });
    }
    const codes = [...new Set(lines.map((l) => l.sku))];
    const found = await db.query<{ id: number; code: string }>("SELECT id, code FROM sku WHERE code = ANY($1::text[])", [codes]);
    const idOf = new Map(found.rows.map((r) => [r.code, r.id]));
    const expected = new Set(count.expected ?? []);
    const now = Date.now();
    // The last line for a SKU in one request wins, like a recount.
    const rows = new Map<number, { counted: number; countedAt: string; reason: string | null }>();
    lines.forEach((l, i) => {
      if (l.location !== undefined && l.location !== count.location) {
        throw new AdminError(422, "wrong_location", `line for ${l.location}, but this count is for ${count.location}${where(l)}`, `lines.${i}.location`);
      }
      const skuId = idOf.get(l.sku);
      if (skuId === undefined) throw new AdminError(422, "unknown_sku", `no SKU "${l.sku}"${where(l)}`, `lines.${i}.sku`);
      if (!expected.has(skuId)) throw new AdminError(422, "not_in_count", `"${l.sku}" is not in this count of ${count.location}${where(l)}`, `lines.${i}.sku`);
      const at = l.countedAt ? Date.parse(l.countedAt) : now;
      if (at > now + FUTURE_TOLERANCE_MS) throw new AdminError(422, "future_time", `countedAt is in the future${where(l)}`, `lines.${i}.countedAt`);
      rows.set(skuId, { counted: l.counted, countedAt: new Date(at).toISOString(), reason: l.reason ?? null });
    });
    const ids = [...rows.keys()];
    const r = await db.query<{ inserted: boolean }>(
      `INSERT INTO stock_count_line (count_id, sku_id, counted, counted_at, reason, entered_by)
       SELECT $1, u.sku_id, u.counted, u.counted_at, u.reason, $6
         FROM unnest($2::int[], $3::int[], $4::timestamptz[], $5::text[]) AS u(sku_id, counted, counted_at, reason)
       ON CONFLICT (count_id, sku_id) DO UPDATE
         SET counted = EXCLUDED.counted, counted_at = EXCLUDED.counted_at, reason = EXCLUDED.reason, entered_by = EXCLUDED.entered_by
       RETURNING (xmax = 0) AS inserted`,
      [id, ids, ids.map((k) => rows.get(k)!.counted), ids.map((k) => rows.get(k)!.countedAt), ids.map((k) => rows.get(k)!.reason), actor.label],
    );
    // A reviewer's second tablet, or the list's line count, follows the counter's scans.
    await announceCountChange(db, { id, status: count.status, location: count.location });
    return { lines: r.rows.length, replaced: r.rows.filter((x) => !x.inserted).length };
  });
}
