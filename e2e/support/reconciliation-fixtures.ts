import type { Page } from "@playwright/test";

// Fixed answers of the NUMBERS routes (issue-15 contract shapes), intercepted in the browser, for the
// reconciliation screens' specs and screenshots.

const f = (lines: number, absolute: number, system: number, accurate: number, value: number | null) => ({
  lines,
  net: absolute - 2,
  absolute,
  rate: system ? absolute / system : null,
  accurate,
  accuracy: lines ? accurate / lines : null,
  value,
});
const LOCS = ["WH-NORTH-LONG-NAME", "WH-SOUTH", "STORE-DOWNTOWN"];
const BUCKETS = ["0-7", "8-30", "31-90", ">90"] as const;
export const MATRIX = {
  from: "2026-11-06T00:00:00.000Z",
  to: "2026-12-06T00:00:00.000Z",
  cells: LOCS.flatMap((location, i) => BUCKETS.map((bucket, j) => ({ location, bucket, ...f(10 + i + j, (i + 1) * (j + 1) * 3, 1000, 5 + j, 123.45 * (j + 1)) }))),
  byLocation: LOCS.map((location, i) => ({ location, ...f(46 + 4 * i, (i + 1) * 30, 4000, 26, 1234.5) })),
  total: f(150, 180, 12000, 78, 3703.5),
};
export const EMPTY_MATRIX = { from: MATRIX.from, to: MATRIX.to, cells: [], byLocation: [], total: { lines: 0, net: 0, absolute: 0, rate: null, accurate: 0, accuracy: null, value: null } };
const line = (i: number) => ({
  sku: `SKU-${i}`,
  skuName: `A counted product ${i}`,
  location: "WH-SOUTH",
  occurredAt: "2026-12-01T10:00:00.000Z",
  system: 20,
  counted: 20 - (i % 5),
  variance: i % 5,
  value: i % 5 ? (i % 5) * 9.5 : null,
  source: "onepool-counts",
  countedBy: i % 2 ? "ana@example.com" : null,
});
const TREND = { weeks: Array.from({ length: 12 }, (_, i) => ({ week: `2026-W${37 + i}`, from: "", to: "", lines: 20 + i, absolute: 30 - i, rate: (30 - i) / 2000, accuracy: 0.6 + i / 40 })) };
const SUMMARY = { from: MATRIX.from, to: MATRIX.to, ...f(150, 180, 12000, 78, 3703.5) };
const DRIFT = {
  sources: [{ source: "shopify-main", skus: 2, absolute: 7, since: "2026-12-05T10:00:00.000Z" }],
  drifts: [
    { source: "shopify-main", sku: "SKU-1", location: "WH-SOUTH", bucket: "on_hand", drift: 5, pool: 12, reported: 7, since: "2026-12-05T10:00:00.000Z" },
    { source: "shopify-main", sku: "SKU-2", location: "WH-NORTH-LONG-NAME", bucket: "available", drift: -2, pool: 3, reported: 5, since: "2026-12-05T11:00:00.000Z" },
  ],
};

export async function stub(page: Page, opts: { matrix?: unknown; failMatrix?: boolean; delayMs?: number } = {}) {
  const seen: string[] = [];
  await page.route(/\/api\/reconciliation(\/[a-z]+)?\?/, async (route) => {
    const url = new URL(route.request().url());
    seen.push(url.pathname + url.search);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (url.pathname === "/api/reconciliation") {
      if (opts.failMatrix) return route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "the database is not answering" } } });
      return route.fulfill({ json: opts.matrix ?? MATRIX });
    }
    if (url.pathname.endsWith("/lines")) {
      const cursor = Number(url.searchParams.get("cursor") ?? 0);
      const lines = Array.from({ length: 50 }, (_, i) => line(cursor + i));
      return route.fulfill({ json: { lines: cursor >= 50 ? lines.slice(0, 7) : lines, nextCursor: cursor >= 50 ? null : String(cursor + 50) } });
    }
    if (url.pathname.endsWith("/trend")) return route.fulfill({ json: TREND });
    return route.fallback();
  });
  await page.route(/\/api\/reconciliation\/summary$/, (route) => route.fulfill({ json: SUMMARY }));
  await page.route(/\/api\/drift(\?.*)?$/, (route) => route.fulfill({ json: DRIFT }));
  return seen;
}
