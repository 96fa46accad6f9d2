import { writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { lastCompleteWeek, shiftWeek } from "../lib/time/iso-week";
import { stateFor } from "./support/people";
import { stubScorecardApi, TIMEZONE } from "./support/scorecard-fixtures";

// docs/screenshots/scorecard-*.png and oversells-*.png from the fixtures (SCORECARD_SCREENSHOTS=1;
// skipped otherwise, so a test run never rewrites the docs).

test.skip(!process.env.SCORECARD_SCREENSHOTS, "set SCORECARD_SCREENSHOTS=1 to retake the scorecard screenshots");
test.use({ storageState: stateFor("manager") });

const LAST = lastCompleteWeek(Date.now(), TIMEZONE);
const PREV = shiftWeek(LAST, -1, TIMEZONE);
const out = (name: string) => `docs/screenshots/${name}.png`;

test("scorecard and oversells at three widths, printed, and their states", async ({ page }) => {
  test.setTimeout(180_000);
  const empty = shiftWeek(LAST, -3, TIMEZONE);
  await stubScorecardApi(page, { defaultWeek: LAST, revisions: { [PREV]: "2026-11-30T15:20:00.000Z" }, emptyWeeks: [empty] });
  for (const [name, width, height] of [
    ["desktop", 1440, 900],
    ["tablet", 820, 1180],
    ["phone", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`/scorecard?week=${PREV}`);
    await expect(page.getByTestId("scorecard-body")).toBeVisible();
    await expect(page.getByTestId("revised-badge")).toBeVisible();
    await page.screenshot({ path: out(`scorecard-${name}`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/oversells?week=${PREV}`);
  await expect(page.getByTestId("oversell-row").first()).toBeVisible();
  await page.screenshot({ path: out("oversells-desktop"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("oversell-row").first()).toBeVisible();
  await page.screenshot({ path: out("oversells-phone"), fullPage: true });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/scorecard?week=${empty}`);
  await expect(page.getByTestId("scorecard-empty")).toBeVisible();
  await page.screenshot({ path: out("scorecard-empty"), fullPage: true });

  // The print view as the printer gets it: print media at the A4 page's width (210 mm at 96 dpi, less the margins).
  await page.goto(`/scorecard?week=${PREV}`);
  await expect(page.getByTestId("scorecard-body")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 726, height: 1055 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: out("scorecard-print"), fullPage: true });
  await writeFile("docs/screenshots/scorecard-print.pdf", await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
  await page.emulateMedia({ media: "screen" });
});

test("loading and error states", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await stubScorecardApi(page, { defaultWeek: LAST, delayMs: 60_000 });
  await page.goto(`/scorecard?week=${PREV}`);
  await expect(page.getByTestId("scorecard-loading")).toBeVisible();
  await page.screenshot({ path: out("scorecard-loading") });
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await stubScorecardApi(page, { defaultWeek: LAST, fail: true, failOversells: true });
  await page.goto(`/scorecard?week=${PREV}`);
  await expect(page.getByRole("alert").filter({ hasText: "Couldn" })).toContainText("HTTP 503", { timeout: 20_000 });
  await page.screenshot({ path: out("scorecard-error") });
  await page.goto(`/oversells?week=${PREV}`);
  await expect(page.getByRole("alert").filter({ hasText: "Couldn" })).toContainText("HTTP 503", { timeout: 20_000 });
  await page.screenshot({ path: out("oversells-error") });
});
