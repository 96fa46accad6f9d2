import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { LOCATION, postEvent, putCatalog, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";
import { expectListStates } from "./support/screen-states";
import { expectNoSidewaysScroll, expectReachable, navigateFromHeader, WIDTHS } from "./support/viewport";
import type { CoverageResponse } from "../lib/reconciliation/coverage-types";

// Issue 15: the count coverage page (/counts/coverage) as the analyst who plans tomorrow's counts.
// The first tests answer GET /api/counts/coverage from a contract-shaped fixture (the page alone, its
// states and widths); the last one reads the real route (NUMBERS' branch: it needs that merged).

test.use({ storageState: stateFor("analyst") });

const FIXTURE: CoverageResponse = {
  locations: [
    { location: "wh-gdl", rows: 296, buckets: { "0-7": 129, "8-30": 116, "31-90": 15, ">90": 36 } },
    { location: "store-cdmx", rows: 164, buckets: { "0-7": 85, "8-30": 51, "31-90": 9, ">90": 19 } },
  ],
  due: [
    { sku: "KNEE-BRACE-M-BLK", skuName: "Knee Brace (M, Black)", location: "wh-gdl", onHand: 140, lastCountedAt: null, ageDays: null, value: 2_380 },
    {
      sku: "CALF-SLEEVE-XL-WHT-WITH-A-VERY-LONG-CODE",
      skuName: "Calf Sleeve (XL, White) with a name long enough to wrap on a phone",
      location: "store-cdmx",
      onHand: 12,
      lastCountedAt: "2026-08-20T15:00:00.000Z",
      ageDays: 108,
      value: null,
    },
    { sku: "KT-TAPE-5M-PNK", skuName: "KT Tape 5 m (Pink)", location: "wh-gdl", onHand: 80, lastCountedAt: "2026-10-01T16:30:00.000Z", ageDays: 66, value: 640 },
  ],
};

test("shows each location's rows by age of last count and the due list, with a CSV export per location", async ({ page }) => {
  const asked: string[] = [];
  await page.route("**/api/counts/coverage*", async (route) => {
    asked.push(new URL(route.request().url()).search);
    const loc = new URL(route.request().url()).searchParams.get("location");
    const body = loc ? { locations: FIXTURE.locations.filter((l) => l.location === loc), due: FIXTURE.due.filter((d) => d.location === loc) } : FIXTURE;
    await route.fulfill({ json: body });
  });
  await page.goto("/counts/coverage");
  await expect(page.getByRole("heading", { level: 1, name: "Count coverage" })).toBeVisible();
  const gdl = page.getByTestId("coverage-location-wh-gdl");
  await expect(gdl).toContainText("296");
  await expect(gdl.locator("[data-bucket='>90'] dd")).toHaveText("36");
  await expect(gdl.getByRole("img")).toHaveAttribute("aria-label", /0–7 days: 129, 8–30 days: 116, 31–90 days: 15, over 90 or never: 36/);
  const due = page.getByTestId("coverage-due-row");
  await expect(due).toHaveCount(3);
  await expect(due.first()).toContainText("Never counted");
  await expect(due.nth(1)).toContainText("108 days ago");
  await expect(page.getByTestId("coverage-export")).toHaveAttribute("href", "/api/counts/coverage?format=csv");

  // Filtering by location asks the API for it, keeps it in the address, and exports that location only.
  await page.getByTestId("coverage-location-filter").selectOption("store-cdmx");
  await expect(due).toHaveCount(1);
  await expect(page.getByTestId("coverage-location-wh-gdl")).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]location=store-cdmx/);
  await expect(page.getByTestId("coverage-export")).toHaveAttribute("href", "/api/counts/coverage?location=store-cdmx&format=csv");
  expect(asked).toContain("?location=store-cdmx");
});

test("says when it is loading, when there is nothing on hand, and when the API fails (with Retry)", async ({ page }) => {
  await expectListStates(page, {
    pattern: "**/api/counts/coverage*",
    path: "/counts/coverage",
    answers: { full: FIXTURE, empty: { locations: [], due: [] } },
    loading: "coverage-loading",
    row: "coverage-due-row",
    rows: 3,
    empty: "coverage-empty",
    emptyText: "Nothing on hand to count yet",
    failure: "Couldn't load count coverage",
    checkFailure: (alert) => expect(alert).toContainText("HTTP 503"),
  });
});

for (const w of WIDTHS) {
  test(`fits at ${w.width} px, reached from the header`, async ({ page }) => {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.route("**/api/counts/coverage*", (route) => route.fulfill({ json: FIXTURE }));
    await navigateFromHeader(page, w.width, /^Counts/);
    await page
      .getByTestId("counts-tabs")
      .getByRole("link", { name: /^Coverage/ })
      .click();
    await expect(page).toHaveURL(/\/counts\/coverage/);
    await expect(page.getByTestId("coverage-due-row")).toHaveCount(3);
    await expectNoSidewaysScroll(page, `/counts/coverage at ${w.width}`);
    await expectReachable(page, page.getByTestId("coverage-export"), "Export CSV");
    await expectReachable(page, page.getByTestId("coverage-location-filter"), "the location filter");
    await expectReachable(page, page.getByTestId("coverage-due-row").nth(1), "a due row");
  });
}

async function putPricedSku(admin: APIRequestContext, code: string) {
  await putCatalog(admin, []);
  const res = await admin.put("/api/catalog", { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { skus: [{ code, name: `E2E coverage ${code}`, unitCost: 9_999 }] } });
  expect(res.status(), await res.text()).toBe(200);
}

// Needs NUMBERS' GET /api/counts/coverage (branch rec-numbers).
test("reads the real coverage: a never-counted SKU is due first, a counted one by its age, and the CSV has both", async ({ page, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, storageState: stateFor("admin") });
  const never = uniqueCode("COVN");
  const old = uniqueCode("COVO");
  await putPricedSku(admin, never);
  await putPricedSku(admin, old);
  const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
  await postEvent(admin, { type: "receipt", sku: never, quantity: 500 });
  await postEvent(admin, { type: "receipt", sku: old, quantity: 400, occurredAt: new Date(Date.now() - 41 * 86_400_000).toISOString() });
  await postEvent(admin, { type: "cycle_count", sku: old, quantity: 400, occurredAt: fortyDaysAgo });

  await page.goto(`/counts/coverage?location=${LOCATION}`);
  await expect(page.getByTestId("coverage-location-filter")).toHaveValue(LOCATION);
  await expect(page.getByTestId(`coverage-location-${LOCATION}`)).toBeVisible();
  const rowOf = (code: string) => page.getByTestId("coverage-due-row").filter({ hasText: code });
  await expect(rowOf(never)).toContainText("Never counted");
  await expect(rowOf(old)).toContainText("40 days ago");

  const csv = await admin.get(`/api/counts/coverage?format=csv&location=${LOCATION}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  const text = await csv.text();
  expect(text.split(/\r?\n/)[0].toLowerCase()).toContain("sku");
  expect(text).toContain(never);
  expect(text).toContain(old);
  await admin.dispose();
});
