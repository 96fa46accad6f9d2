import type { Page } from "@playwright/test";
import { OVERSELL_CAUSES, type OversellLine } from "../../lib/contracts/oversells";
import { COVER_BUCKETS, type Scorecard, type ScorecardFigure } from "../../lib/contracts/scorecard";
import { parseIsoWeek, shiftWeek, weekRange } from "../../lib/time/iso-week";

// Contract-shaped answers of GET /api/scorecard, /api/scorecard/revision and /api/oversells
// (docs/SCORECARD.md#figures, docs/OVERSELLS.md, docs/API.md), intercepted in the browser, for the screens' specs and screenshots
// until the real routes are merged. Deterministic per week: the same week always gives the same
// numbers, and neighbouring weeks differ, so switching weeks visibly changes the figures.

export const CHANNELS = ["amazon", "mercadolibre", "rappi", "web"] as const;
export const TIMEZONE = "America/Mexico_City";
const REASONS = ["customer", "oversold", "payment_failed"] as const;
const SKUS = Array.from({ length: 20 }, (_, i) => `${["KNEE-BRACE", "KT-TAPE", "CALF-SLEEVE", "WRIST-WRAP", "FOAM-ROLLER"][i % 5]}-${["S", "M", "L", "XL"][Math.floor(i / 5)]}-BLK`);

/** A stable pseudo-random number in [0, 1) for (week, salt). */
function rnd(week: string, salt: string): number {
  let h = 2166136261;
  for (const c of `${week}|${salt}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

type Sub = { reason?: string; sku?: string; bucket?: string };
/** One figure's value in a week; null where the fixture says the denominator was 0. */
type ValueOf = (week: string, channel: string | null, sub: Sub) => number | null;

const units = (w: string, ch: string | null): number => (ch === null ? CHANNELS.reduce((a, c) => a + units(w, c), 0) : Math.round(300 + 900 * rnd(w, `u${ch}`)));
/** All channels (null) = the channels' mean, so the total row sits among the channel rows as real data would. */
const mean = (f: ValueOf, w: string, sub: Sub) => CHANNELS.reduce((a, c) => a + (f(w, c, sub) ?? 0), 0) / CHANNELS.length;
const rate = (lo: number, hi: number, salt: string): ValueOf => {
  const f: ValueOf = (w, ch, sub) => Number((ch === null ? mean(f, w, sub) : lo + (hi - lo) * rnd(w, `${salt}${ch}${sub.reason ?? ""}`)).toFixed(4));
  return f;
};
const lag = (lo: number, hi: number, salt: string): ValueOf => {
  const f: ValueOf = (w, ch, sub) => Math.round(ch === null && salt.startsWith("e") ? mean(f, w, sub) : lo + (hi - lo) * rnd(w, `${salt}${ch}`));
  return f;
};
const oversells: ValueOf = (w, ch, sub) =>
  ch === null ? CHANNELS.reduce((a, c) => a + (oversells(w, c, sub) ?? 0), 0) : Math.floor(4 * rnd(w, `o${ch}${sub.reason}`) * (sub.reason === "unexplained" ? 0.3 : 1));
const stockout: ValueOf = (w, _ch, sub) => {
  const r = rnd(w, `s${sub.sku}`);
  return r < 0.55 ? 0 : Number((r * 60).toFixed(1));
};

/** Which figures exist, per which channels and sub-keys, and how each is made. */
const FIGURES: { key: ScorecardFigure["key"]; perChannel: boolean; subs: Sub[]; value: ValueOf }[] = [
  { key: "units_sold", perChannel: true, subs: [{}], value: (w, ch) => units(w, ch) },
  { key: "cancellation_rate", perChannel: true, subs: REASONS.map((reason) => ({ reason })), value: rate(0.002, 0.04, "c") },
  { key: "oversell_rate", perChannel: true, subs: [{}], value: rate(0.001, 0.035, "or") },
  { key: "promise_accuracy", perChannel: true, subs: [{}], value: (w, ch) => (ch === "rappi" ? null : Number((0.86 + 0.13 * rnd(w, `p${ch}`)).toFixed(4))) },
  { key: "allocation_accuracy", perChannel: true, subs: [{}], value: rate(0.9, 0.995, "a") },
  {
    key: "stockout_hours",
    perChannel: false,
    subs: [{}, ...SKUS.map((sku) => ({ sku }))],
    value: (w, ch, sub) => (sub.sku ? stockout(w, ch, sub) : Number(SKUS.reduce((a, sku) => a + (stockout(w, ch, { sku }) ?? 0), 0).toFixed(1))),
  },
  { key: "reconciliation_rate", perChannel: false, subs: [{}], value: rate(0.004, 0.03, "rr") },
  { key: "reconciliation_accuracy", perChannel: false, subs: [{}], value: rate(0.7, 0.95, "ra") },
  { key: "reconciliation_value", perChannel: false, subs: [{}], value: lag(200, 4000, "rv") },
  { key: "ingest_lag_p50_ms", perChannel: false, subs: [{}], value: lag(150, 900, "i50") },
  { key: "ingest_lag_p95_ms", perChannel: false, subs: [{}], value: lag(1_500, 9_000, "i95") },
  { key: "e2e_lag_p50_ms", perChannel: true, subs: [{}], value: lag(800, 4_000, "e50") },
  { key: "e2e_lag_p95_ms", perChannel: true, subs: [{}], value: lag(6_000, 90_000, "e95") },
  {
    key: "cover_skus",
    perChannel: false,
    subs: COVER_BUCKETS.map((bucket) => ({ bucket })),
    value: (w, _ch, sub) => Math.round((sub.bucket === "7-30" ? 120 : sub.bucket === "0" ? 6 : 40) * (0.6 + 0.8 * rnd(w, `cv${sub.bucket}`))),
  },
  { key: "oversells", perChannel: true, subs: OVERSELL_CAUSES.map((reason) => ({ reason })), value: oversells },
];

/** The scorecard of `week` as the API would answer it; `empty` = a week with no events (rates null, counts 0). */
export function scorecardFixture(week: string, opts: { empty?: boolean } = {}): Scorecard {
  if (!parseIsoWeek(week)) throw new RangeError(week);
  const { from, to } = weekRange(week, TIMEZONE);
  const before = Array.from({ length: 11 }, (_, i) => shiftWeek(week, i - 11, TIMEZONE));
  const figures: ScorecardFigure[] = [];
  for (const def of FIGURES) {
    for (const channel of def.perChannel ? [...CHANNELS, null] : [null]) {
      for (const sub of def.subs) {
        const at = (w: string) => (opts.empty && w === week ? (["units_sold", "cover_skus", "oversells", "stockout_hours"].includes(def.key) ? 0 : null) : def.value(w, channel, sub));
        figures.push({ key: def.key, channel, ...sub, value: at(week), trend: before.map((w) => ({ week: w, value: at(w) })) });
      }
    }
  }
  return { week, from: from.toISOString(), to: to.toISOString(), timezone: TIMEZONE, figures };
}

/** Oversold lines of a week: the scorecard's `oversells` counts, one line each, with numbers that fit their cause. */
export function oversellsFixture(week: string): OversellLine[] {
  const { from } = weekRange(week, TIMEZONE);
  const lines: OversellLine[] = [];
  for (const channel of CHANNELS) {
    for (const cause of OVERSELL_CAUSES) {
      const n = oversells(week, channel, { reason: cause }) ?? 0;
      for (let i = 0; i < n; i++) {
        const placed = from.getTime() + Math.floor(rnd(week, `${channel}${cause}${i}`) * 6 * 86_400_000);
        const published = 2 + (i % 3);
        lines.push({
          orderId: `${channel.slice(0, 3).toUpperCase()}-${week.replace("-W", "")}-${cause.slice(0, 2)}${i}`,
          sku: SKUS[(i * 7 + cause.length) % SKUS.length],
          channel,
          quantity: 1 + (i % 2),
          placedAt: new Date(placed).toISOString(),
          cancelledAt: new Date(placed + 3 * 3_600_000).toISOString(),
          published,
          acknowledged: cause === "stale_channel" ? published + 4 : published,
          availableKnown: cause === "stale_channel" ? 0 : published + 1,
          availableReal: cause === "late_events" ? 0 : published + 1,
          ingestLagMs: cause === "late_events" ? 540_000 : 900 + i * 50,
          cause,
        });
      }
    }
  }
  return lines.sort((a, b) => a.placedAt.localeCompare(b.placedAt));
}

/** The CSV the API sends for `format=csv` (one row per figure × channel, RFC 4180). */
export function scorecardCsvFixture(s: Scorecard): string {
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [["week", "key", "channel", "reason", "sku", "bucket", "value", "previous"].join(",")];
  for (const f of s.figures)
    rows.push([s.week, f.key, f.channel ?? "", f.reason ?? "", f.sku ?? "", f.bucket ?? "", f.value === null ? "" : String(f.value), String(f.trend.at(-1)?.value ?? "")].map(q).join(","));
  return `${rows.join("\r\n")}\r\n`;
}

export interface StubOptions {
  /** Weeks answered as empty (nothing happened). */
  emptyWeeks?: string[];
  /** Answer 503 to the scorecard. */
  fail?: boolean;
  /** Answer the first N scorecard requests 503 scorecard_preparing (progress growing), as the API does while its per-SKU weeks are prepared. */
  preparing?: number;
  failOversells?: boolean;
  delayMs?: number;
  /** The revision answer per week (absent: null). */
  revisions?: Record<string, string>;
  /** The last complete week, when the request names none. */
  defaultWeek: string;
}

/** Intercepts the three routes; returns the requests seen (path + query), for assertions. */
export async function stubScorecardApi(page: Page, opts: StubOptions) {
  const seen: string[] = [];
  let preparingAnswered = 0;
  await page.route(/\/api\/(scorecard|oversells)(\/revision)?(\?.*)?$/, async (route) => {
    const url = new URL(route.request().url());
    seen.push(url.pathname + url.search);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    const week = url.searchParams.get("week") ?? opts.defaultWeek;
    if (!parseIsoWeek(week))
      return route.fulfill({ status: 400, json: { error: { code: "invalid_query", message: `week must be an ISO week like 2026-W48, got "${week}"`, details: { field: "week" } } } });
    if (url.pathname === "/api/scorecard/revision") return route.fulfill({ json: { week, revisedAt: opts.revisions?.[week] ?? null } });
    if (url.pathname === "/api/oversells") {
      if (opts.failOversells) return route.fulfill({ status: 503, json: { error: { code: "database_unavailable", message: "the database is not answering" } } });
      const channel = url.searchParams.get("channel");
      const cause = url.searchParams.get("cause");
      const lines = opts.emptyWeeks?.includes(week) ? [] : oversellsFixture(week).filter((o) => (!channel || o.channel === channel) && (!cause || o.cause === cause));
      return route.fulfill({ json: { week, timezone: TIMEZONE, oversells: lines } });
    }
    if (opts.fail) return route.fulfill({ status: 503, json: { error: { code: "database_unavailable", message: "the database is not answering" } } });
    if (opts.preparing && preparingAnswered < opts.preparing) {
      preparingAnswered += 1;
      const progress = { done: 400 * preparingAnswered, total: 2000 };
      return route.fulfill({
        status: 503,
        headers: { "retry-after": "5" },
        json: { error: { code: "scorecard_preparing", message: `The scorecard is being prepared: ${progress.done} of ${progress.total} SKUs done. Retry shortly.`, details: { progress } } },
      });
    }
    const s = scorecardFixture(week, { empty: opts.emptyWeeks?.includes(week) });
    if (url.searchParams.get("format") === "csv") {
      return route.fulfill({ body: scorecardCsvFixture(s), headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="scorecard-${week}.csv"` } });
    }
    return route.fulfill({ json: s });
  });
  return seen;
}
