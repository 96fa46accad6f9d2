import "server-only";
import type pg from "pg";
import { daysOfInventory } from "@/lib/metrics/velocity";
import { OVERSELL_CAUSES } from "@/lib/contracts/oversells";
import { CANCEL_REASONS } from "@/lib/quantity/types";
import { statsOf } from "@/lib/reconciliation/variance-stats";
import {
  addSale,
  allocationAccuracy,
  cancellationRates,
  coverBucket,
  emptySales,
  hoursOneDecimal,
  orderLines,
  oversellRate,
  promiseAccuracy,
  ratioValue,
  topSellers,
  unitsSold,
  type SalesSums,
} from "@/lib/scorecard/figures";
import { onQuarterGrid } from "@/lib/scorecard/rollup-pieces";
import { COVER_BUCKETS, type FigureKey, type Scorecard, type ScorecardFigure } from "@/lib/contracts/scorecard";
import { lastCompleteWeek, shiftWeek, weekRange, weeksBefore } from "@/lib/time/iso-week";
import { getEndToEndLagByWeek, getIngestLagByWeek, type LagRow } from "./get-lag-percentiles";
import { loadOrderLines } from "./load-order-lines";
import { loadLocations, loadSkus } from "./load-sku-histories";
import { channelCodes, getEndToEndLagFromRollup, getIngestLagFromRollup, lineRatiosFromRollup, sumOrderUnitsFromRollup, type LineRatios } from "./read-rollups";
import { answerKey, answerStamp, readAnswer, storeAnswer } from "./answer-cache";
import { drainScorecardRollups } from "./drain-scorecard-rollups";
import { countOversellsKept } from "./oversell-cache";
import { preparationProgress } from "./prepare-sku-weeks";
import { getSkuWeeks, type SkuWeeksLimit } from "./sku-weeks";
import { sumCountedLines } from "./sum-counted-lines";
import { sumOrderUnits } from "./sum-order-units";

export interface ScorecardOptions {
  /** "2026-W48"; default: the last complete week in `timezone` at `now`. */
  week?: string;
  /** IANA zone (env ONEPOOL_TIMEZONE). */
  timezone: string;
  /** The clock: the default week, and where the current week's next checkpoints go (sku-checkpoints.ts). Default: now. */
  now?: number;
  /** Only these SKU codes (tests on a shared database; a category). Default: every SKU. */
  skus?: readonly string[];
  /** Include the `oversells` figure (docs/OVERSELLS.md causes). Default true. */
  oversells?: boolean;
  /**
   * Replay at most this many SKUs while the write side (prepare-sku-weeks.ts) has not prepared
   * every SKU in `timezone`; more throws ScorecardPreparingError (the API's 503). Default: no bound.
   */
  maxReplay?: number;
  /** Told what this call did: SKUs replayed for available real, weeks of oversell counts kept. */
  stats?: ScorecardStats;
}

export interface ScorecardStats {
  /** SKUs whose ledger was replayed (0 when the answer was kept, or every SKU week was). */
  replayed: number;
  /** SKUs whose current week was folded on from the last complete week's kept state (sku-folds.ts); other folds on read count as replayed. */
  resumed: number;
  /** Of those, SKUs that went on from a checkpoint inside the current week (sku-checkpoints.ts), reading only the events since. */
  checkpointed: number;
  /** Whether the ledger figures came from the kept answer. */
  answerKept: boolean;
  /** Weeks whose oversell counts came from scorecard_oversell_week. */
  oversellWeeksKept: number;
}

const WEEKS = 12;

type Values = (number | null)[];
type Extra = Pick<ScorecardFigure, "reason" | "sku" | "bucket">;

/** docs/SCORECARD.md#figures: every figure of an ISO week, per channel and in total, each with the 11 weeks before. */
export async function getScorecard(pool: pg.Pool, opts: ScorecardOptions): Promise<Scorecard> {
  const tz = opts.timezone;
  const week = opts.week ?? lastCompleteWeek(opts.now ?? Date.now(), tz);
  const labels = [...weeksBefore(week, WEEKS - 1, tz), week];
  const ranges = labels.map((w) => weekRange(w, tz));
  const end = ranges[WEEKS - 1].to;

  // The events queued since the last fold go into the rollups (and the stamps) before they are read.
  await drainScorecardRollups(pool);
  const skuIds = opts.skus ? (await pool.query<{ id: number }>("SELECT id FROM sku WHERE code = ANY($1::text[])", [opts.skus])).rows.map((r) => r.id) : null;
  // Every SKU on the 15-minute grid (every real zone): the rollups the event triggers keep. Some SKUs
  // (the rollups have no SKU) or a grid-less zone: the 12 weeks' events, scanned.
  const rollups = skuIds === null && onQuarterGrid(ranges.map((r) => ({ from: r.from.getTime(), to: r.to.getTime() })));
  const [channelRows, channelIds] = await Promise.all([
    pool.query<{ code: string }>("SELECT code FROM channel ORDER BY code"),
    rollups ? channelCodes(pool) : Promise.resolve(new Map<number, string>()),
  ]);
  const stats: ScorecardStats = { replayed: 0, resumed: 0, checkpointed: 0, answerKept: false, oversellWeeksKept: 0 };
  const limit: SkuWeeksLimit | undefined = opts.maxReplay === undefined ? undefined : { maxReplay: opts.maxReplay, progress: () => preparationProgress(pool, tz) };
  const ctx: Context = { pool, tz, labels, ranges, skuIds, rollups, channelIds, scopes: [null, ...channelRows.rows.map((r) => r.code)], limit, stats, now: opts.now };

  // The figures the ledger alone decides are kept per week (answer-cache.ts) once the week has
  // ended; end-to-end lag (acknowledgements) is read each time from its rollup.
  const cacheKey = end.getTime() <= Date.now() ? answerKey(week, tz, opts.skus ?? null) : null;
  const [ledger, e2e] = await Promise.all([
    (async () => {
      const stamp = cacheKey ? await answerStamp(pool, end) : null;
      const hit = cacheKey && stamp ? await readAnswer(pool, cacheKey, stamp) : null;
      if (hit) {
        stats.answerKept = true;
        return hit;
      }
      const figures = await ledgerFigures(ctx);
      if (cacheKey && stamp) await storeAnswer(pool, cacheKey, stamp, figures);
      return figures;
    })(),
    rollups ? getEndToEndLagFromRollup(pool, ranges, channelIds) : getEndToEndLagByWeek(pool, [...ranges.map((r) => r.from), end], skuIds),
  ]);
  // Closed weeks' oversell counts are kept under a stamp (oversell-cache.ts), so a warm call does not
  // run the engine. After the ledger figures: a call answered "preparing" does not start it either.
  // A request bounded by maxReplay folds as few SKUs for the oversell lines as for available real.
  const foldLimit = limit && { max: limit.maxReplay, preparerActive: async () => (await limit.progress()).active };
  const kept = opts.oversells === false ? null : await countOversellsKept(pool, ranges, { limit: foldLimit });
  const oversells = kept?.weeks ?? null;
  stats.oversellWeeksKept = kept?.kept ?? 0;
  if (opts.stats) Object.assign(opts.stats, stats);

  const figures: ScorecardFigure[] = [];
  const push = pusher(figures, labels);
  const coverAt = ledger.findIndex((f) => f.key === "cover_skus");
  figures.push(...ledger.slice(0, coverAt));
  for (const c of ctx.scopes) push("e2e_lag_p50_ms", c, {}, lagValues(e2e, c, "p50"));
  for (const c of ctx.scopes) push("e2e_lag_p95_ms", c, {}, lagValues(e2e, c, "p95"));
  figures.push(...ledger.slice(coverAt));

  // Oversells by cause (§6.4): counted by the oversell engine, which answers the total itself
  // (channel null: lines with no channel count there only), so rows are taken as they come, never summed.
  if (oversells) {
    for (const c of ctx.scopes) {
      for (const cause of OVERSELL_CAUSES) {
        push(
          "oversells",
          c,
          { reason: cause },
          oversells.map((rows) => rows.find((r) => r.cause === cause && r.channel === c)?.count ?? 0),
        );
      }
    }
  }

  return { week, from: ranges[WEEKS - 1].from.toISOString(), to: end.toISOString(), timezone: tz, figures };
}

interface Context {
  pool: pg.Pool;
  tz: string;
  labels: string[];
  ranges: { from: Date; to: Date }[];
  skuIds: number[] | null;
  rollups: boolean;
  channelIds: Map<number, string>;
  scopes: (string | null)[];
  limit: SkuWeeksLimit | undefined;
  stats: ScorecardStats;
  /** The caller's clock, if any: where the current week's checkpoints go (sku-checkpoints.ts). */
  now: number | undefined;
}

const perWeek = <T>(f: (i: number) => T): T[] => Array.from({ length: WEEKS }, (_, i) => f(i));

const pusher = (figures: ScorecardFigure[], labels: readonly string[]) => (key: FigureKey, channel: string | null, extra: Extra, values: Values) => {
  figures.push({ key, channel, ...extra, value: values[WEEKS - 1], trend: labels.slice(0, WEEKS - 1).map((w, i) => ({ week: w, value: values[i] })) });
};

const lagValues = (rows: LagRow[], c: string | null, p: "p50" | "p95"): Values => {
  const out: Values = perWeek(() => null);
  for (const r of rows) if (r.channel === c && r.week >= 1 && r.week <= WEEKS) out[r.week - 1] = r[p];
  return out;
};

/** Every figure but end-to-end lag and oversells, in the answer's order: what the ledger (and catalogue) alone decide. */
async function ledgerFigures({ pool, tz, labels, ranges, skuIds, rollups, channelIds, scopes, limit, stats, now }: Context): Promise<ScorecardFigure[]> {
  const edges = [...ranges.map((r) => r.from), ranges[WEEKS - 1].to];
  const [orderRows, lineRatios, ingest, counted, skus, locations] = await Promise.all([
    rollups ? sumOrderUnitsFromRollup(pool, ranges, channelIds) : sumOrderUnits(pool, edges, skuIds),
    rollups ? lineRatiosFromRollup(pool, ranges, channelIds) : scanLineRatios(pool, ranges, skuIds),
    rollups ? getIngestLagFromRollup(pool, ranges, channelIds) : getIngestLagByWeek(pool, edges, skuIds),
    sumCountedLines(pool, ranges, skuIds),
    loadSkus(pool, skuIds),
    loadLocations(pool),
  ]);
  const figures: ScorecardFigure[] = [];
  const push = pusher(figures, labels);

  // Units sold, cancellations, oversells: one sum per week × channel (null = every event, named channel or not).
  const sales = new Map<string | null, SalesSums[]>(scopes.map((c) => [c, perWeek(emptySales)]));
  for (const row of orderRows) {
    if (row.week < 1 || row.week > WEEKS) continue;
    addSale(sales.get(null)![row.week - 1], row.type, row.reason, row.units);
    if (row.channel !== null) addSale(sales.get(row.channel)![row.week - 1], row.type, row.reason, row.units);
  }
  const salesOf = (c: string | null) => sales.get(c)!;
  for (const c of scopes) push("units_sold", c, {}, salesOf(c).map(unitsSold));
  for (const c of scopes) {
    const rates = salesOf(c).map(cancellationRates);
    for (const reason of CANCEL_REASONS)
      push(
        "cancellation_rate",
        c,
        { reason },
        rates.map((r) => r[reason]),
      );
  }
  for (const c of scopes) push("oversell_rate", c, {}, salesOf(c).map(oversellRate));

  // Order lines.
  for (const c of scopes)
    push(
      "promise_accuracy",
      c,
      {},
      lineRatios.promise.map((m) => ratioValue(m.get(c))),
    );
  for (const c of scopes)
    push(
      "allocation_accuracy",
      c,
      {},
      lineRatios.allocation.map((m) => ratioValue(m.get(c))),
    );

  // Stockout hours and cover from each SKU's available real over time (kept per SKU and week, see sku-weeks.ts).
  const windows = labels.map((w, i) => ({ sellersFrom: weekRange(shiftWeek(w, -4, tz), tz).from.getTime(), from: ranges[i].from.getTime(), to: ranges[i].to.getTime() }));
  const {
    values: perSku,
    replayed,
    resumed,
    checkpointed,
  } = await getSkuWeeks(
    pool,
    skus.map((s) => s.id),
    skuIds !== null,
    locations,
    windows,
    limit,
    tz,
    now,
  );
  stats.replayed = replayed;
  stats.resumed = resumed;
  stats.checkpointed = checkpointed;
  const zero = new Map<string, number[]>();
  const sold4w = perWeek(() => new Map<string, number>());
  const cover = perWeek(() => new Map<string, number>(COVER_BUCKETS.map((b) => [b, 0])));
  for (const sku of skus) {
    const weeks = perSku.get(sku.id)!;
    zero.set(
      sku.code,
      weeks.map((w) => w.zeroMs),
    );
    weeks.forEach((w, i) => {
      sold4w[i].set(sku.code, w.units4w);
      // A SKU is on the week's cover only once the ledger knows it (its first event by then): the
      // catalogue row's own date says nothing about the stock, which may be imported with its history.
      if (!w.known) return;
      const b = coverBucket(w.availableEnd, daysOfInventory(w.availableEnd, { units24h: w.units24h, units7d: w.units7d }));
      cover[i].set(b, cover[i].get(b)! + 1);
    });
  }
  const top = sold4w.map((m) => topSellers(m, 20));
  push(
    "stockout_hours",
    null,
    {},
    top.map((codes, i) => hoursOneDecimal(codes.reduce((sum, code) => sum + zero.get(code)![i], 0))),
  );
  for (const code of top[WEEKS - 1]) push("stockout_hours", null, { sku: code }, zero.get(code)!.map(hoursOneDecimal));

  // Reconciliation (§6.1) of the lines counted in each week: no channel.
  const recon = counted.map(statsOf);
  push(
    "reconciliation_rate",
    null,
    {},
    recon.map((s) => s.rate),
  );
  push(
    "reconciliation_accuracy",
    null,
    {},
    recon.map((s) => s.accuracy),
  );
  push(
    "reconciliation_value",
    null,
    {},
    recon.map((s) => s.value),
  );

  for (const c of scopes) push("ingest_lag_p50_ms", c, {}, lagValues(ingest, c, "p50"));
  for (const c of scopes) push("ingest_lag_p95_ms", c, {}, lagValues(ingest, c, "p95"));

  for (const bucket of COVER_BUCKETS)
    push(
      "cover_skus",
      null,
      { bucket },
      cover.map((m) => m.get(bucket)!),
    );
  return figures;
}

/** Promise and allocation accuracy from the order lines' events, scanned (some SKUs, or weeks off the 15-minute grid). */
async function scanLineRatios(pool: pg.Pool, ranges: readonly { from: Date; to: Date }[], skuIds: readonly number[] | null): Promise<LineRatios> {
  const lines = orderLines(await loadOrderLines(pool, ranges[0].from, ranges[ranges.length - 1].to, skuIds));
  return {
    promise: ranges.map((r) => promiseAccuracy(lines, r.from.getTime(), r.to.getTime())),
    allocation: ranges.map((r) => allocationAccuracy(lines, r.from.getTime(), r.to.getTime())),
  };
}
