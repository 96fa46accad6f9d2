// npm run screenshots -- [--url http://127.0.0.1:3000] [--out docs/screenshots/widths] [--only stock,rules]
// Every main page at phone (390), tablet (820) and desktop (1440) widths, as the role that uses it,
// against a running demo (`npm run demo`; the demo people's password is public). Also the menu open
// on a phone, and (`--only states`, into docs/screenshots/states) the count, tile and drift screens
// busy, empty, loading and error (requests held or refused in the browser). Loopback only.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { shiftWeek } from "../lib/time/iso-week";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const base = arg("url") ?? "http://127.0.0.1:3000";
const out = arg("out") ?? "docs/screenshots/widths";
const only = arg("only")?.split(",");
const host = new URL(base).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`screenshots only of a local demo, not ${host}`);

const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 820, height: 1180 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
type Role = "analyst" | "merchandiser" | "manager" | "admin";
const PASSWORD = "onepool-demo";

interface Shot {
  name: string;
  role: Role;
  path: string | ((page: Page) => Promise<string>);
  /** Wait for this before the picture. */
  ready: (page: Page) => Promise<unknown>;
  /** Load once (at the widest width) and resize for the others: for a page that takes minutes to answer. */
  once?: boolean;
}

const firstSku = async (page: Page) => {
  const res = await page.request.get(`${base}/api/skus?limit=1&sort=cover`);
  const body = (await res.json()) as { items?: { code: string }[]; rows?: { code: string }[] };
  return `/skus/${encodeURIComponent((body.items ?? body.rows ?? [])[0]?.code ?? "KNEE-BRACE-M-BLK")}`;
};
const settle = (page: Page, selector: string, timeout = 15_000) => page.locator(selector).first().waitFor({ state: "visible", timeout });

/** The week of the last 12 whose oversold lines show the most causes (the demo plays one of each in turn). */
const busiestOversellWeek = async (page: Page) => {
  type Answer = { week: string; timezone: string; oversells: { cause: string }[] };
  const get = async (q: string) => (await (await page.request.get(`${base}/api/oversells${q}`)).json()) as Answer;
  const last = await get("");
  let best = { week: last.week, causes: new Set(last.oversells.map((o) => o.cause)).size };
  for (let n = 1; n < 12; n++) {
    const a = await get(`?week=${shiftWeek(last.week, -n, last.timezone)}`);
    const causes = new Set(a.oversells.map((o) => o.cause)).size;
    if (causes > best.causes) best = { week: a.week, causes };
  }
  return `/oversells?week=${best.week}`;
};

const SHOTS: Shot[] = [
  { name: "stock", role: "analyst", path: "/", ready: (p) => settle(p, "[data-testid=stock-row]") },
  { name: "sku", role: "analyst", path: firstSku, ready: (p) => settle(p, "[data-testid=location-buckets], main h1") },
  { name: "rules", role: "merchandiser", path: "/rules", ready: (p) => settle(p, "[data-testid=rule-row], [data-testid=rules-empty]") },
  { name: "counts", role: "analyst", path: "/counts", ready: (p) => settle(p, "[data-testid=counts-list], [data-testid=open-count]") },
  { name: "coverage", role: "analyst", path: "/counts/coverage", ready: (p) => settle(p, "[data-testid=coverage-due-row], [data-testid=coverage-empty]") },
  { name: "reconciliation", role: "analyst", path: "/reconciliation", ready: (p) => settle(p, "[data-testid=heat-row], [data-testid=reconciliation-empty]") },
  { name: "sources", role: "admin", path: "/admin/sources", ready: (p) => settle(p, "[data-testid=source-card]") },
  { name: "unmapped", role: "merchandiser", path: "/admin/unmapped", ready: (p) => settle(p, "[data-testid=unmapped-row], [data-testid=unmapped-empty]") },
  { name: "rejections", role: "admin", path: "/admin/rejections", ready: (p) => settle(p, "[data-testid=rejection-row], [data-testid=rejections-empty]") },
  { name: "tokens", role: "admin", path: "/admin/tokens", ready: (p) => settle(p, "[data-testid=token-row], [data-testid=tokens-empty]") },
  { name: "people", role: "admin", path: "/admin/users", ready: (p) => settle(p, "[data-testid=person-row], [data-testid=people-empty]") },
  { name: "audit", role: "manager", path: "/audit", ready: (p) => settle(p, "[data-testid=audit-entry], [data-testid=audit-empty]") },
  // The demo's own 12 weeks (no fixtures): the scorecard is computed on request, a minute or more on a busy 2-core machine.
  { name: "scorecard", role: "manager", path: "/scorecard", once: true, ready: (p) => settle(p, "[data-testid=scorecard-body], [data-testid=scorecard-empty]", 600_000) },
  { name: "oversells", role: "manager", path: busiestOversellWeek, ready: (p) => settle(p, "[data-testid=oversell-row], [data-testid=oversells-empty]", 60_000) },
  { name: "account", role: "manager", path: "/account", ready: (p) => settle(p, "main h1") },
];

/** A count of the demo in this status (the seed leaves one approved, one in review, one open). */
const countIn = (status: string) => async (page: Page) => {
  const res = await page.request.get(`${base}/api/counts?status=${status}`);
  const body = (await res.json()) as { counts?: { id: string }[] };
  const id = body.counts?.[0]?.id;
  if (!id) throw new Error(`the demo has no ${status} count`);
  return `/counts/${id}`;
};

/**
 * States that a healthy demo does not show by itself: the answer held (loading), refused (error) or
 * empty, made in the browser by intercepting the page's own request. `busy` is the demo as it is.
 */
interface StateShot extends Shot {
  width: (typeof WIDTHS)[number];
  api?: { pattern: string | RegExp; mode: "hold" | "error" | { json: unknown } };
}
const TABLET = WIDTHS[1];
const DESKTOP = WIDTHS[2];
/**
 * The dashboard's reconciliation and drift tile (`dashboard-tile-drift-<name>`) once it shows `state`;
 * `mode` answers its two requests (none: the demo as it is).
 */
function driftTile(name: string, state: string, mode?: NonNullable<StateShot["api"]>["mode"], width: StateShot["width"] = DESKTOP): StateShot {
  return {
    name: `dashboard-tile-drift-${name}`,
    role: "analyst",
    width,
    path: "/",
    ...(mode ? { api: { pattern: /\/api\/(reconciliation\/summary|drift)(\?|$)/, mode } } : {}),
    ready: (p) => settle(p, `[data-testid=reconciliation-tile][data-state=${state}]`),
  };
}
const STATES: StateShot[] = [
  { name: "counts-list-busy", role: "analyst", width: TABLET, path: "/counts", ready: (p) => settle(p, "[data-testid=counts-list]") },
  {
    name: "counts-list-empty",
    role: "analyst",
    width: TABLET,
    path: "/counts",
    api: { pattern: /\/api\/counts(\?|$)/, mode: { json: { counts: [] } } },
    ready: (p) => settle(p, "main :text('No counts')"),
  },
  { name: "counts-list-loading", role: "analyst", width: TABLET, path: "/counts", api: { pattern: /\/api\/counts(\?|$)/, mode: "hold" }, ready: (p) => settle(p, "main [aria-busy=true]") },
  { name: "counts-list-error", role: "analyst", width: TABLET, path: "/counts", api: { pattern: /\/api\/counts(\?|$)/, mode: "error" }, ready: (p) => settle(p, "main [role=alert]") },
  { name: "count-counting", role: "analyst", width: TABLET, path: countIn("open"), ready: (p) => settle(p, "[data-testid=count-scan]") },
  { name: "count-counting-phone", role: "analyst", width: WIDTHS[0], path: countIn("open"), ready: (p) => settle(p, "[data-testid=count-scan]") },
  { name: "count-review", role: "merchandiser", width: TABLET, path: countIn("in_review"), ready: (p) => settle(p, "[data-testid=review-table]") },
  { name: "count-review-desktop", role: "merchandiser", width: DESKTOP, path: countIn("in_review"), ready: (p) => settle(p, "[data-testid=review-table]") },
  { name: "count-approved", role: "analyst", width: TABLET, path: countIn("approved"), ready: (p) => settle(p, "[data-testid=count-status]") },
  { name: "count-loading", role: "analyst", width: TABLET, path: countIn("open"), api: { pattern: "**/api/counts/cnt_*", mode: "hold" }, ready: (p) => settle(p, "main[aria-busy=true]") },
  { name: "count-error", role: "analyst", width: TABLET, path: countIn("open"), api: { pattern: "**/api/counts/cnt_*", mode: "error" }, ready: (p) => settle(p, "main [role=alert]") },
  driftTile("busy", "ready"),
  driftTile("empty", "empty", {
    json: {
      from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      to: new Date().toISOString(),
      lines: 0,
      net: 0,
      absolute: 0,
      rate: null,
      accurate: 0,
      accuracy: null,
      value: null,
      sources: [],
      drifts: [],
    },
  }),
  driftTile("loading", "loading", "hold"),
  driftTile("error", "error", "error"),
  driftTile("phone", "ready", undefined, WIDTHS[0]),
];

// One sign-in per role for the whole run (each would otherwise be another session on the People page).
const sessions = new Map<Role, Awaited<ReturnType<BrowserContext["storageState"]>>>();

async function signedIn(browser: Browser, role: Role, viewport: { width: number; height: number }) {
  const state = sessions.get(role);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: "reduce", ...(state ? { storageState: state } : {}) });
  if (state) return context;
  const res = await context.request.post(`${base}/api/auth/sign-in/email`, { data: { email: `${role}@demo.onepool`, password: PASSWORD }, headers: { origin: base } });
  if (!res.ok()) throw new Error(`sign-in as ${role}: ${res.status()} ${await res.text()}`);
  sessions.set(role, await context.storageState());
  return context;
}

/** One load at desktop width, then each width by resizing the same page (its data stays loaded). */
async function shootResized(browser: Browser, shot: Shot): Promise<void> {
  const context = await signedIn(browser, shot.role, DESKTOP);
  const page = await context.newPage();
  const target = typeof shot.path === "string" ? shot.path : await shot.path(page);
  await page.goto(`${base}${target}`);
  await shot.ready(page).catch(() => console.warn(`  ${shot.name}: not ready, taken as it is`));
  for (const w of [...WIDTHS].reverse()) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.waitForTimeout(800); // layout and charts follow the new width
    const file = path.join(out, `${shot.name}-${w.name}.png`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: w.width, height: Math.min(height, w.height * 3) } });
    console.log(file);
  }
  await context.close();
}

async function main() {
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
      if (shot.once) {
        await shootResized(browser, shot);
        continue;
      }
      for (const w of WIDTHS) {
        const context = await signedIn(browser, shot.role, w);
        const page = await context.newPage();
        const target = typeof shot.path === "string" ? shot.path : await shot.path(page);
        await page.goto(`${base}${target}`);
        await shot.ready(page).catch(() => console.warn(`  ${shot.name} ${w.name}: not ready in 15 s, taken as it is`));
        await page
          .getByTestId("connection")
          .and(page.locator("[data-state=live]"))
          .waitFor({ timeout: 10_000 })
          .catch(() => {});
        await page.waitForTimeout(600); // live frames and charts settle
        const file = path.join(out, `${shot.name}-${w.name}.png`);
        // The whole page, up to about three screens (a list of 300 SKUs as cards is 26,000 px tall).
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: w.width, height: Math.min(height, w.height * 3) } });
        console.log(file);
        if (w.name === "phone" && shot.name === "stock") {
          await page.getByTestId("nav-menu-button").click();
          await page.screenshot({ path: path.join(out, `menu-${shot.role}-phone.png`) });
          console.log(path.join(out, `menu-${shot.role}-phone.png`));
        }
        await context.close();
      }
    }
    if (!only || only.includes("states")) {
      const states = arg("states-out") ?? "docs/screenshots/states";
      await mkdir(states, { recursive: true });
      for (const shot of STATES) {
        const context = await signedIn(browser, shot.role, shot.width);
        const page = await context.newPage();
        const target = typeof shot.path === "string" ? shot.path : await shot.path(page);
        const api = shot.api;
        if (api) {
          await page.route(api.pattern, (route) =>
            api.mode === "hold"
              ? undefined
              : api.mode === "error"
                ? route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "the database is not answering" } } })
                : route.fulfill({ json: api.mode.json }),
          );
        }
        await page.goto(`${base}${target}`);
        await shot.ready(page).catch(() => console.warn(`  ${shot.name}: not ready in 15 s, taken as it is`));
        await page.waitForTimeout(api?.mode === "error" ? 1500 : 600); // retries give up; charts settle
        const file = path.join(states, `${shot.name}.png`);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: shot.width.width, height: Math.min(height, shot.width.height * 2) } });
        console.log(file);
        await context.close();
      }
    }
    // The menu of the role with the most links, on a tablet.
    if (!only || only.includes("menu")) {
      const context = await signedIn(browser, "admin", WIDTHS[1]);
      const page = await context.newPage();
      await page.goto(`${base}/admin/sources`);
      await page.getByTestId("nav-menu-button").click();
      await page.screenshot({ path: path.join(out, "menu-admin-tablet.png") });
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
