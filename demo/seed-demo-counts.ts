import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { needsReason } from "@/lib/counts/count-reasons";
import { approveCount, countEventId } from "@/server/counts/approve-count";
import { openCountSchema } from "@/lib/contracts/counts";
import { submitCount } from "@/server/counts/move-count";
import { openCount } from "@/server/counts/open-count";
import { saveCountLines } from "@/server/counts/save-count-lines";
import { systemAtCount } from "@/server/counts/system-at-count";
import type { Services } from "@/server/services";
import { BIG_MISS_REASONS } from "./demo-counting";
import type { LocationCode } from "./demo-network";
import { hashString } from "./random";
import { HOUR_MS as HOUR } from "@/lib/time/durations";

const tablet = (name: string): Actor => ({ kind: "system", id: null, label: name });
const REVIEWER: Actor = { kind: "system", id: null, label: "Marta Gil (inventory control)" };

/**
 * The count workflow in every state on first start (issue 15: every screen alive): one approved this
 * morning at the store, one in review at the Guadalajara DC with a miss that needs a reason, and one
 * still being counted at the 3PL. Made through the same server functions the API calls, so the
 * ledger, counted lines and audit log hold them exactly as if people had used the tablets.
 */
export async function seedDemoCounts(services: Pick<Services, "pool" | "ingest">, now = Date.now()): Promise<{ approved: string; inReview: string; open: string }> {
  const store = await countAt(services, "store-cdmx", "Sofía Ramos", 6, 6, now - 3 * HOUR);
  await submitCount(services.pool, store.id, tablet("Sofía Ramos"));
  await approveCount(services, store.id, store.reasons, REVIEWER);

  const dc = await countAt(services, "wh-gdl", "Jorge Pérez", 8, 8, now - HOUR);
  await submitCount(services.pool, dc.id, tablet("Jorge Pérez"));

  const tpl = await countAt(services, "3pl-us-east", "Ana Ortiz", 10, 4, now - 20 * 60_000);
  return { approved: store.id, inReview: dc.id, open: tpl.id };
}

/**
 * Open a blind count of the `due` most due rows and enter `entered` of them at `at`: most agree with
 * the system of that moment, one in three is off by a unit or two, the second line is a real miss.
 * Returns the reasons a reviewer would give (where the reason rule of docs/RECONCILIATION.md asks for one).
 */
async function countAt(services: Pick<Services, "pool">, location: LocationCode, counter: string, due: number, entered: number, at: number) {
  const opened = await openCount(services.pool, openCountSchema.parse({ location, due }), tablet(counter));
  const rows = await services.pool.query<{ sku_id: number; code: string; location_id: number }>(
    "SELECT s.id AS sku_id, s.code, l.id AS location_id FROM sku s, location l WHERE l.code = $1 AND s.code = ANY($2::text[])",
    [location, opened.skus],
  );
  const byCode = new Map(rows.rows.map((r) => [r.code, r]));
  const picked = opened.skus.slice(0, entered).map((sku, i) => ({ sku, skuId: byCode.get(sku)!.sku_id, countedAt: new Date(at + i * 40_000) }));
  const systems = await systemAtCount(
    services.pool,
    rows.rows[0].location_id,
    picked.map((p) => ({ skuId: p.skuId, counted: 0, countedAt: p.countedAt, eventId: countEventId(opened.id, p.sku) })),
  );
  const reasons: Record<string, string> = {};
  const lines = picked.map((p, i) => {
    const system = systems.get(p.skuId) ?? 0;
    const h = hashString(`${opened.id}#${p.sku}`);
    const off = i === 1 ? -Math.max(3, Math.round(system * 0.1)) : h % 3 === 0 ? (h % 2 ? 1 : -2) : 0;
    const counted = Math.max(0, system + off);
    if (needsReason(system, counted)) reasons[p.sku] = BIG_MISS_REASONS[h % BIG_MISS_REASONS.length];
    return { sku: p.sku, counted, countedAt: p.countedAt.toISOString() };
  });
  await saveCountLines(services.pool, opened.id, lines, tablet(counter));
  return { id: opened.id, reasons };
}
