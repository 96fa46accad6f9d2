import "server-only";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { announceCountChange } from "./announce-count-change";
import type { OpenCountInput } from "@/lib/contracts/counts";

/** A count opened with no selection takes this many of the most due rows. */
export const DEFAULT_DUE = 50;

export const newCountId = () => `cnt_${randomBytes(10).toString("base64url")}`;

/**
 * Opens a count (docs/RECONCILIATION.md#numbers) for a location and a selection: named SKUs, a tag (its SKUs stocked
 * here), or the N most due: rows with on_hand > 0, never counted first, then oldest last trusted
 * count (stock_level.last_count_at, which the fold sets only for trusted cycle_counts), then
 * on_hand × unitCost. Nothing reaches the ledger until approval.
 */
export async function openCount(pool: pg.Pool, input: OpenCountInput, actor: Actor) {
  const locationId = await requireCatalogId(pool, "location", input.location, { status: 422 });
  let selection: Record<string, unknown>;
  let skus: { id: number; code: string }[];
  if (input.skus) {
    const wanted = [...new Set(input.skus)];
    const found = await pool.query<{ id: number; code: string }>("SELECT id, code FROM sku WHERE code = ANY($1::text[])", [wanted]);
    const byCode = new Map(found.rows.map((r) => [r.code, r]));
    const unknown = wanted.filter((c) => !byCode.has(c));
    if (unknown.length)
      throw new AdminError(
        422,
        "unknown_sku",
        `no SKU ${unknown
          .slice(0, 10)
          .map((c) => `"${c}"`)
          .join(", ")}`,
        "skus",
        { skus: unknown.slice(0, 100) },
      );
    skus = wanted.map((c) => byCode.get(c)!);
    selection = { skus: wanted };
  } else if (input.tag) {
    const r = await pool.query<{ id: number; code: string }>(
      `SELECT s.id, s.code FROM sku s JOIN stock_level sl ON sl.sku_id = s.id AND sl.location_id = $2
        WHERE $1 = ANY(s.tags) ORDER BY s.code LIMIT 5000`,
      [input.tag, locationId],
    );
    if (!r.rows.length) throw new AdminError(422, "empty_selection", `no SKU tagged "${input.tag}" is stocked at ${input.location}`, "tag");
    skus = r.rows;
    selection = { tag: input.tag };
  } else {
    const n = input.due ?? DEFAULT_DUE;
    const r = await pool.query<{ id: number; code: string }>(
      `SELECT s.id, s.code FROM stock_level sl JOIN sku s ON s.id = sl.sku_id
        WHERE sl.location_id = $1 AND sl.on_hand > 0
        ORDER BY sl.last_count_at ASC NULLS FIRST, sl.on_hand * COALESCE(s.unit_cost, 0) DESC, s.code
        LIMIT $2`,
      [locationId, n],
    );
    if (!r.rows.length) throw new AdminError(422, "empty_selection", `nothing is on hand at ${input.location} to count`, "due");
    skus = r.rows;
    selection = { due: n };
  }
  const id = newCountId();
  await inTransaction(pool, async (db) => {
    await db.query(
      `INSERT INTO stock_count (id, location_id, status, blind, selection, expected, created_by, created_by_id)
       VALUES ($1, $2, 'open', $3, $4, $5, $6, $7)`,
      [id, locationId, input.blind, JSON.stringify(selection), skus.map((s) => s.id), actor.label, actor.id],
    );
    await announceCountChange(db, { id, status: "open", location: input.location });
    await recordAudit(db, { actor, action: "count.opened", target: `count:${id}`, details: { location: input.location, blind: input.blind, selection, skus: skus.length } });
  });
  return { id, location: input.location, status: "open" as const, blind: input.blind, skus: skus.map((s) => s.code) };
}
