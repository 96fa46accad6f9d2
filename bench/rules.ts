import { performance } from "node:perf_hooks";
import type pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { allSkuIds } from "@/server/publishing/publish-skus";
import { loadPublishInputs, loadPublishInputsInRange } from "@/server/publishing/load-publish-inputs";
import { Publisher, type PassStats } from "@/server/publishing/publisher";
import { getSkuRowsByIds } from "@/server/queries/get-sku-rows";
import { previewRule } from "@/server/rules/preview-rule";
import { createRule, updateRule } from "@/server/rules/save-rule";
import { fmtMs } from "./stats";
import { CHANNELS, LOCATIONS, skuCode } from "./workload";

// (d) a rule change at catalogue scale and (e) its preview (issue 6). Both run on a catalogue grown
// to `--rule-skus` SKUs with bulk SQL (the bench's own SKUs are its first 1,000 or so), with stock
// on two of the three sellable locations, sales over the last 7 days for a third of the SKUs, and a
// realistic set of rules. The rules are saved with createRule/updateRule and the numbers stored by
// a Publisher on its own pool: the same calls and the same pass as a PATCH /api/rules/:id, whose
// answer waits for `publisher.recomputeAll()`. (The server's publisher also hands the changed SKUs
// to the live hub, which re-reads their dashboard rows after the answer: measured once, apart.)

/** A tag on `--preview-skus` SKUs, the scope of (e)'s candidate rule. */
export const PREVIEW_TAG = "bench-preview";
/** The channel whose default rule (d) changes and whose tag rule (e) previews. */
const CHANNEL = CHANNELS[0].code; // bench-web

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface RuleWorkload {
  skus: number;
  taggedSkus: number;
  stockRows: number;
  salesRows: number;
  rules: number;
  seedMs: number;
  rulesMs: number;
  /** The channel-default rule (d) changes. */
  defaultRuleId: string;
  defaultRuleVersion: number;
}

/**
 * Grow the catalogue to `skuCount` SKUs (codes as in bench/workload.ts, so the bench's own SKUs are
 * the first ones), each with stock rows on the three bench locations and sales on a third of them,
 * every `skuCount / previewSkus`-th SKU tagged PREVIEW_TAG; then the rules. Idempotent per database.
 */
export async function prepareRuleWorkload(pool: pg.Pool, skuCount: number, previewSkus: number): Promise<RuleWorkload> {
  const step = Math.max(1, Math.floor(skuCount / previewSkus));
  const t0 = performance.now();
  await pool.query(
    `INSERT INTO sku (code, name, unit_cost, price, lead_time_days, tags, updated_at)
     SELECT 'BENCH-SKU-' || CASE WHEN i < 100000 THEN lpad(i::text, 5, '0') ELSE i::text END, 'Bench product ' || i,
            10 + i % 40, 25 + i % 60, 7 + i % 21,
            ARRAY[CASE WHEN i % 2 = 1 THEN 'apparel' ELSE 'footwear' END]
              || CASE WHEN i % $2 = 0 AND i / $2 < $3 THEN ARRAY[$4::text] ELSE ARRAY[]::text[] END,
            now()
       FROM generate_series(0, $1 - 1) AS i
     ON CONFLICT (code) DO UPDATE SET tags = EXCLUDED.tags WHERE sku.tags IS DISTINCT FROM EXCLUDED.tags`,
    [skuCount, step, previewSkus, PREVIEW_TAG],
  );
  // Stock on two of the three locations of each SKU, 0–250 units, a few committed; existing rows
  // (the ingest phases' SKUs) are kept as they are.
  const stock = await pool.query(
    `INSERT INTO stock_level (sku_id, location_id, on_hand, committed, available, version, updated_at)
     SELECT s.id, l.id, q.on_hand, q.on_hand % 7, q.on_hand - q.on_hand % 7, 1, now()
       FROM sku s CROSS JOIN location l
       CROSS JOIN LATERAL (SELECT CASE WHEN (s.id + l.id) % 3 = 0 THEN 0 ELSE (s.id * 7919 + l.id * 104729) % 251 END AS on_hand) q
      WHERE s.code LIKE 'BENCH-SKU-%' AND l.code = ANY($1::text[])
     ON CONFLICT (sku_id, location_id) DO NOTHING`,
    [LOCATIONS.map((l) => l.code)],
  );
  // Sales in 5 hours of the last 7 days for every third SKU: velocities of 1–4 units/day and up,
  // not whole numbers (units7d / 7), so the dynamic buffer works on real fractions.
  const sales = await pool.query(
    `INSERT INTO sales_hourly (sku_id, hour, units)
     SELECT s.id, date_trunc('hour', now()) - make_interval(hours => v.h), 1 + (s.id + v.h) % 4
       FROM sku s CROSS JOIN (VALUES (0), (5), (30), (90), (150)) AS v(h)
      WHERE s.code LIKE 'BENCH-SKU-%' AND s.id % 3 = 0
     ON CONFLICT (sku_id, hour) DO NOTHING`,
  );
  // A configured latency on the marketplace, so its dynamic buffer (k × velocity × latency) is not 0.
  await pool.query("UPDATE channel SET latency_minutes = 1440, updated_at = now() WHERE code = $1 AND latency_minutes IS NULL", [CHANNELS[1].code]);
  await pool.query("ANALYZE sku, stock_level, sales_hourly, channel");
  const t1 = performance.now();

  // Rules as a shop would have them: a default per channel, a tag rule, a reserve that moves every
  // other channel's base, and a few dozen SKU overrides. Only (d)'s default is changed later.
  const existing = await pool.query<{ id: string; version: number }>(
    "SELECT r.id::text, r.version FROM channel_rule r JOIN channel c ON c.id = r.channel_id WHERE c.code = $1 AND r.sku_id IS NULL AND r.tag IS NULL",
    [CHANNEL],
  );
  let rules = 0;
  let defaultRule = existing.rows[0] ?? null;
  if (!defaultRule) {
    const r = await createRule(pool, { channel: CHANNEL, bufferPercent: 10, minQty: 1 }, SYSTEM_ACTOR);
    defaultRule = { id: r.id, version: r.version };
    await createRule(pool, { channel: CHANNELS[1].code, dynamicK: "1.5", bufferUnits: 1 }, SYSTEM_ACTOR);
    await createRule(pool, { channel: CHANNELS[1].code, tag: "apparel", bufferPercent: 5, maxQty: 200 }, SYSTEM_ACTOR);
    await createRule(pool, { channel: CHANNELS[2].code, reserveUnits: 2, floor: 1 }, SYSTEM_ACTOR);
    for (let k = 0; k < 40; k++) await createRule(pool, { channel: CHANNEL, sku: skuCode((k * 2477) % skuCount), maxQty: 20 + k }, SYSTEM_ACTOR);
    rules = 44;
  }
  const t2 = performance.now();
  const tagged = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sku WHERE $1 = ANY(tags)", [PREVIEW_TAG]);
  const skus = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sku");
  return {
    skus: skus.rows[0].n,
    taggedSkus: tagged.rows[0].n,
    stockRows: stock.rowCount ?? 0,
    salesRows: sales.rowCount ?? 0,
    rules,
    seedMs: t1 - t0,
    rulesMs: t2 - t1,
    defaultRuleId: defaultRule.id,
    defaultRuleVersion: defaultRule.version,
  };
}

export interface RuleChangeRep {
  bufferPercent: number;
  saveMs: number;
  recomputeMs: number;
  totalMs: number;
  changedSkus: number;
  pass: PassStats;
}

export interface RuleChangeResult {
  skus: number;
  channels: number;
  /** The first pass over a catalogue with no stored numbers (every row inserted). */
  firstPass: PassStats;
  reps: RuleChangeRep[];
  medianMs: number;
  maxMs: number;
  floor: {
    /** The inputs of every SKU in one statement (loadPublishInputsInRange over all ids). */
    readInputsMs: number;
    /** Every stored row read back (what a pass compares with). */
    readStoredMs: number;
    storedRows: number;
    /** One INSERT … SELECT unnest … ON CONFLICT DO UPDATE of as many rows as a rep changed (median), into a copy of the table. */
    writeChangedMs: number;
    writeChangedRows: number;
    /** The same for every stored row. */
    writeAllMs: number;
  };
  /** What the live hub does after the answer (not timed by the target): getSkuRowsByIds over the last rep's changed SKUs. */
  hubRows: { skus: number; ms: number };
}

/** (d) Change the channel default's bufferPercent `repeats` times; time save + recompute + store of every number. */
export async function runRuleChange(pool: pg.Pool, w: RuleWorkload, repeats: number, log: (m: string) => void): Promise<RuleChangeResult> {
  let changedSkus = 0;
  let lastChanged: number[] = [];
  const publisher = new Publisher(
    pool,
    (ids) => {
      changedSkus += ids.length;
      lastChanged = ids;
    },
    (m) => log(`    ${m}`),
  );
  try {
    const channels = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM channel")).rows[0].n;
    await publisher.recomputeAll();
    const firstPass = publisher.lastPass!;
    log(`    first pass (stores every number): ${fmtPass(firstPass)}`);
    await pool.query("VACUUM ANALYZE published_quantity");
    await sleep(500);

    const reps: RuleChangeRep[] = [];
    let version = w.defaultRuleVersion;
    for (let k = 1; k <= repeats; k++) {
      // 15–44 %, never the same value twice in a row (steps of +11 / −19), so numbers really move.
      const bufferPercent = 15 + ((k * 11) % 30);
      changedSkus = 0;
      const t0 = performance.now();
      const rule = await updateRule(pool, w.defaultRuleId, { version, bufferPercent }, SYSTEM_ACTOR);
      const t1 = performance.now();
      await publisher.recomputeAll();
      const t2 = performance.now();
      version = rule.version;
      const rep = { bufferPercent, saveMs: t1 - t0, recomputeMs: t2 - t1, totalMs: t2 - t0, changedSkus, pass: publisher.lastPass! };
      reps.push(rep);
      log(`    rep ${k}: bufferPercent → ${bufferPercent} %: save ${fmtMs(rep.saveMs)} + recompute and store ${fmtMs(rep.recomputeMs)} = ${fmtMs(rep.totalMs)}; ${rep.changedSkus.toLocaleString("en-US")} SKUs changed
           pass: ${fmtPass(rep.pass)}`);
      await sleep(500);
    }
    const totals = reps.map((r) => r.totalMs);
    const writeChangedRows = Math.round(median(reps.map((r) => r.pass.rowsWritten)));
    const floor = await measureFloor(pool, writeChangedRows);
    // Not part of the target: after answering, the server's publisher hands the changed SKUs to the
    // live hub, which re-reads their dashboard rows (getSkuRowsByIds) for one overview frame.
    const t = performance.now();
    await getSkuRowsByIds(pool, lastChanged, 7);
    const hubRows = { skus: lastChanged.length, ms: performance.now() - t };
    return { skus: w.skus, channels, firstPass, reps, medianMs: median(totals), maxMs: Math.max(...totals), floor: { ...floor, writeChangedRows }, hubRows };
  } finally {
    await publisher.close();
  }
}

/** What the database alone needs for a full pass: read the inputs and stored rows once, write rows once. */
async function measureFloor(pool: pg.Pool, changedRows: number) {
  const ids = await allSkuIds(pool);
  let t = performance.now();
  await loadPublishInputsInRange(pool, ids[0], ids[ids.length - 1]);
  const readInputsMs = performance.now() - t;
  t = performance.now();
  const stored = await pool.query<{ sku_id: number; channel_id: number; quantity: number; pause_id: number | null }>("SELECT sku_id, channel_id, quantity, pause_id FROM published_quantity");
  const readStoredMs = performance.now() - t;
  const rows = stored.rows;

  // Write into a copy (same columns, keys and index, same contents) so the stored numbers stay as they are.
  await pool.query("DROP TABLE IF EXISTS bench_published_floor");
  await pool.query("CREATE TABLE bench_published_floor (LIKE published_quantity INCLUDING ALL)");
  try {
    await pool.query("INSERT INTO bench_published_floor SELECT * FROM published_quantity");
    await pool.query("VACUUM ANALYZE bench_published_floor");
    const upsert = async (part: typeof rows) => {
      const t0 = performance.now();
      await pool.query(
        `INSERT INTO bench_published_floor (sku_id, channel_id, quantity, pause_id, updated_at)
         SELECT u.sku_id, u.channel_id, u.quantity, u.pause_id, now() FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS u(sku_id, channel_id, quantity, pause_id)
         ON CONFLICT (sku_id, channel_id) DO UPDATE SET quantity = EXCLUDED.quantity, pause_id = EXCLUDED.pause_id, updated_at = now()`,
        [part.map((r) => r.sku_id), part.map((r) => r.channel_id), part.map((r) => r.quantity + 1), part.map((r) => r.pause_id)],
      );
      return performance.now() - t0;
    };
    // The changed rows of a rep are one channel's: take every channel's n-th row alike.
    const every = Math.max(1, Math.round(rows.length / Math.max(1, changedRows)));
    const writeChangedMs = await upsert(rows.filter((_, i) => i % every === 0).slice(0, changedRows));
    await pool.query("VACUUM bench_published_floor");
    const writeAllMs = await upsert(rows);
    return { readInputsMs, readStoredMs, storedRows: rows.length, writeChangedMs, writeAllMs };
  } finally {
    await pool.query("DROP TABLE IF EXISTS bench_published_floor");
  }
}

export interface PreviewRep {
  bufferPercent: number;
  ms: number;
  changed: number;
  listed: number;
}

export interface PreviewResult {
  scopeSkus: number;
  reps: PreviewRep[];
  medianMs: number;
  maxMs: number;
  /** Reading what the preview reads: the scope's ids and their inputs, one statement each. */
  floorReadMs: number;
  /** For scale: one preview of a change to the channel default, which reaches every SKU. */
  wholeCatalogue: { skus: number; ms: number; changed: number } | null;
}

/** (e) Preview a new tag rule whose tag `previewSkus` SKUs carry, `repeats` times with different values. */
export async function runPreview(pool: pg.Pool, w: RuleWorkload, repeats: number, log: (m: string) => void): Promise<PreviewResult> {
  const reps: PreviewRep[] = [];
  for (let k = 1; k <= repeats; k++) {
    const bufferPercent = 20 + ((k * 13) % 60);
    const t0 = performance.now();
    const p = await previewRule(pool, { channel: CHANNEL, tag: PREVIEW_TAG, bufferPercent });
    const ms = performance.now() - t0;
    reps.push({ bufferPercent, ms, changed: p.changed, listed: p.skus.length });
    log(
      `    rep ${k}: new rule for tag ${PREVIEW_TAG}, bufferPercent ${bufferPercent} %: ${fmtMs(ms)}; ${p.changed.toLocaleString("en-US")} numbers would change (${p.skus.length} listed${p.truncated ? ", list truncated" : ""}), withheld on ${p.channel} ${p.withheldBefore.toLocaleString("en-US")} → ${p.withheldAfter.toLocaleString("en-US")}`,
    );
  }
  let t = performance.now();
  const ids = (await pool.query<{ id: number }>("SELECT id FROM sku WHERE $1 = ANY(tags) ORDER BY id", [PREVIEW_TAG])).rows.map((r) => r.id);
  await loadPublishInputs(pool, ids);
  const floorReadMs = performance.now() - t;

  t = performance.now();
  const whole = await previewRule(pool, { id: w.defaultRuleId, bufferPercent: 50 });
  const wholeCatalogue = { skus: w.skus, ms: performance.now() - t, changed: whole.changed };
  const ms = reps.map((r) => r.ms);
  return { scopeSkus: ids.length, reps, medianMs: median(ms), maxMs: Math.max(...ms), floorReadMs, wholeCatalogue };
}

function fmtPass(p: PassStats): string {
  return `${p.skus.toLocaleString("en-US")} SKUs, ${p.rowsWritten.toLocaleString("en-US")} rows written, ${fmtMs(p.totalMs)}: context ${fmtMs(p.contextMs)}, ids ${fmtMs(p.idsMs)}, then per chunk (overlapping) waiting for reads ${fmtMs(p.readMs)}, computing ${fmtMs(p.computeMs)}, writes ${fmtMs(p.writeMs)}`;
}
