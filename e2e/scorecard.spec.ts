import { expect, test, type Page } from "@playwright/test";
import { formatFigure } from "../components/scorecard/scorecard-format";
import { lastCompleteWeek, shiftWeek } from "../lib/time/iso-week";
import { stateFor } from "./support/people";
import { oversellsFixture, scorecardFixture, stubScorecardApi, TIMEZONE } from "./support/scorecard-fixtures";
import { expectNoSidewaysScroll, expectReachable, navigateFromHeader, WIDTHS } from "./support/viewport";

// Issue 16: the manager's weekly scorecard (/scorecard, docs/SCORECARD.md#figures) in a real browser.
// FIXTURES: every test here answers /api/scorecard, /api/scorecard/revision and /api/oversells from
// e2e/support/scorecard-fixtures.ts (page.route), since the routes are built on another branch.
// To run against the real API, drop the stubScorecardApi call and seed a ledger instead: the
// assertions read the expected numbers from `expected(week)`, which is the only fixture coupling.

test.use({ storageState: stateFor("manager") });
// Several pages and a PDF per test, on a machine shared with other builds.
test.slow();

const LAST = lastCompleteWeek(Date.now(), TIMEZONE);
const PREV = shiftWeek(LAST, -1, TIMEZONE);
const expected = (week: string) => scorecardFixture(week);
const units = (week: string) => formatFigure("units_sold", expected(week).figures.find((f) => f.key === "units_sold" && f.channel === null)!.value);

/** Pages in a PDF: `/Type /Page` objects (not the `/Type /Pages` tree). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

async function open(page: Page, path = "/scorecard") {
  await page.goto(path);
  // The first page of a cold production server on a busy machine can take a while.
  await expect(page.getByTestId("scorecard-body")).toBeVisible({ timeout: 30_000 });
}

test("a manager opens the last complete week, switches weeks (URL and figures change), and sees when a week was revised", async ({ page }) => {
  const seen = await stubScorecardApi(page, { defaultWeek: LAST, revisions: { [PREV]: "2026-11-30T15:20:00.000Z" } });
  await open(page);
  const body = page.getByTestId("scorecard-body");
  await expect(body).toHaveAttribute("data-week", LAST);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(LAST);
  await expect(page.getByTestId("kpi-units_sold").getByTestId("kpi-value")).toHaveText(units(LAST));
  await expect(page.getByTestId("week-next")).toBeDisabled();
  await expect(page.getByTestId("revised-badge")).toHaveCount(0);
  // One row per channel and the total.
  await expect(page.getByTestId("channel-row")).toHaveCount(5);
  await expect(page.locator("[data-testid=channel-row][data-channel=all]")).toContainText(units(LAST));
  // The change is coloured by what is good for the figure.
  const tone = await page.getByTestId("kpi-oversell_rate").getByTestId("kpi-change").getAttribute("data-tone");
  const f = expected(LAST).figures.find((x) => x.key === "oversell_rate" && x.channel === null)!;
  expect(tone).toBe(f.value! > f.trend[10].value! ? "bad" : f.value! < f.trend[10].value! ? "good" : "neutral");

  await page.getByTestId("week-prev").click();
  await expect(page).toHaveURL(new RegExp(`[?&]week=${PREV}`));
  await expect(body).toHaveAttribute("data-week", PREV);
  await expect(page.getByTestId("kpi-units_sold").getByTestId("kpi-value")).toHaveText(units(PREV));
  expect(units(PREV)).not.toBe(units(LAST));
  await expect(page.getByTestId("revised-badge")).toContainText("Revised Nov 30, 2026");
  expect(seen).toContain(`/api/scorecard?week=${PREV}`);

  const older = shiftWeek(LAST, -5, TIMEZONE);
  await page.getByTestId("week-select").selectOption(older);
  await expect(page).toHaveURL(new RegExp(`[?&]week=${older}`));
  await expect(page.getByTestId("kpi-units_sold").getByTestId("kpi-value")).toHaveText(units(older));

  // The address opens the same week again.
  await page.reload();
  await expect(body).toHaveAttribute("data-week", older);
});

test("exports the week as CSV (a download with the API's header row) and prints it on exactly one A4 page", async ({ page }) => {
  await stubScorecardApi(page, { defaultWeek: LAST });
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await open(page, `/scorecard?week=${PREV}`);
  const link = page.getByTestId("scorecard-export");
  await expect(link).toHaveAttribute("href", `/api/scorecard?week=${PREV}&format=csv`);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`scorecard-${PREV}\\.csv`));
  // The body, through the same route (a download answered by page.route has no file to read).
  const csv = await page.evaluate(async (href) => (await fetch(href)).text(), `/api/scorecard?week=${PREV}&format=csv`);
  const [header, ...rows] = csv.trimEnd().split("\r\n");
  expect(header.split(",")).toEqual(expect.arrayContaining(["key", "channel", "value"]));
  expect(rows.length).toBe(expected(PREV).figures.length);

  await page.getByTestId("scorecard-print").click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // The print view: no header or buttons, and everything on one A4 portrait page.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header").first()).toBeHidden();
  await expect(page.getByTestId("scorecard-export")).toBeHidden();
  await expect(page.getByTestId("stockout-chart")).toBeVisible();
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  expect(pdfPages(pdf), "the print view spills onto a second page").toBe(1);
});

test("the oversells tile opens the week's oversold lines, and a cause opens them filtered by it", async ({ page }) => {
  await stubScorecardApi(page, { defaultWeek: LAST });
  await open(page, `/scorecard?week=${PREV}`);
  const all = oversellsFixture(PREV);
  await expect(page.getByTestId("kpi-oversells").getByTestId("kpi-value")).toHaveText(String(all.length));
  await page.getByTestId("kpi-oversells").click();
  await expect(page).toHaveURL(new RegExp(`/oversells\\?week=${PREV}$`));
  await expect(page.getByTestId("oversell-row")).toHaveCount(all.length);

  await page.goBack();
  await expect(page.getByTestId("scorecard-body")).toHaveAttribute("data-week", PREV);
  const late = all.filter((o) => o.cause === "late_events");
  await expect(page.getByTestId("cause-late_events")).toContainText(String(late.length));
  await page.getByTestId("cause-late_events").click();
  await expect(page).toHaveURL(new RegExp(`/oversells\\?week=${PREV}&cause=late_events$`));
  await expect(page.getByTestId("oversells-cause")).toHaveValue("late_events");
  await expect(page.getByTestId("cause-explanation")).toContainText("arrived late");
  const rows = page.getByTestId("oversell-row");
  await expect(rows).toHaveCount(late.length);
  for (const r of await rows.all()) await expect(r).toHaveAttribute("data-cause", "late_events");
});

test("says when it is loading, when a week had nothing, and when the API fails (with Retry); a bad week is the API's 400", async ({ page }) => {
  const empty = shiftWeek(LAST, -2, TIMEZONE);
  let fail = false;
  await stubScorecardApi(page, { defaultWeek: LAST, delayMs: 1_200, emptyWeeks: [empty] });
  await page.route(/\/api\/scorecard\?/, (route) =>
    fail ? route.fulfill({ status: 503, json: { error: { code: "database_unavailable", message: "the database is not answering" } } }) : route.fallback(),
  );
  await page.goto("/scorecard");
  await expect(page.getByTestId("scorecard-loading")).toBeVisible();
  await expect(page.getByTestId("scorecard-body")).toBeVisible({ timeout: 30_000 });

  await page.goto(`/scorecard?week=${empty}`);
  await expect(page.getByTestId("scorecard-empty")).toContainText(`Nothing happened in ${empty}`);
  await expect(page.getByTestId("kpi-promise_accuracy").getByTestId("kpi-value")).toHaveText("—");
  await expect(page.getByTestId("kpi-units_sold").getByTestId("kpi-value")).toHaveText("0");

  await page.goto("/scorecard?week=2026-W99");
  const bad = page.getByRole("alert").filter({ hasText: "Couldn't load the scorecard" });
  await expect(bad).toContainText("HTTP 400");
  await expect(bad).toContainText("ISO week");

  fail = true;
  await page.goto(`/scorecard?week=${LAST}`);
  const alert = page.getByRole("alert").filter({ hasText: "Couldn't load the scorecard" });
  await expect(alert).toContainText("HTTP 503", { timeout: 20_000 });
  fail = false;
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("scorecard-body")).toHaveAttribute("data-week", LAST);
});

for (const w of WIDTHS) {
  test(`fits at ${w.width} px, reached from the header`, async ({ page }) => {
    await page.setViewportSize({ width: w.width, height: w.height });
    await stubScorecardApi(page, { defaultWeek: LAST });
    await navigateFromHeader(page, w.width, /^Scorecard/);
    await expect(page).toHaveURL(/\/scorecard/);
    await expect(page.getByTestId("scorecard-body")).toHaveAttribute("data-week", LAST);
    await expectNoSidewaysScroll(page, `/scorecard at ${w.width}`);
    await expectReachable(page, page.getByTestId("week-prev"), "previous week");
    await expectReachable(page, page.getByTestId("scorecard-export"), "Export CSV");
    await expectReachable(page, page.getByTestId("scorecard-print"), "Print");
    await expectReachable(page, page.getByTestId("kpi-oversells"), "the oversells tile");
    await expectReachable(page, page.getByTestId("cause-unexplained"), "a cause");
  });
}

test.describe("an analyst", () => {
  test.use({ storageState: stateFor("analyst") });
  test("gets the no-access page on /scorecard and /oversells, and no Scorecard link", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const path of ["/scorecard", "/oversells"]) {
      await page.goto(path);
      await expect(page.getByTestId("no-access")).toContainText("managers and above");
    }
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Scorecard/ })).toHaveCount(0);
  });
});

test("while the server prepares the scorecard it says how far it is, with no error and no button, and shows the week by itself when ready", async ({ page }) => {
  const seen = await stubScorecardApi(page, { defaultWeek: LAST, preparing: 2 });
  await page.goto("/scorecard");
  const note = page.getByTestId("scorecard-preparing");
  await expect(note).toContainText("Preparing the scorecard… (400 of 2,000 SKUs)", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: /retry/i })).toHaveCount(0);
  await expect(note).toContainText("(800 of 2,000 SKUs)", { timeout: 15_000 });
  // No error state at any point, and the page asked again on its own.
  await expect(page.getByTestId("scorecard-body")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("kpi-units_sold").getByTestId("kpi-value")).toHaveText(units(LAST));
  await expect(note).toHaveCount(0);
  expect(seen.filter((u) => u.startsWith("/api/scorecard") && !u.startsWith("/api/scorecard/revision")).length).toBeGreaterThanOrEqual(3);
});
