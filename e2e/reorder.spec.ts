import { expect, test } from "@playwright/test";
import { postEvent, putCatalog, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";
import { expectListStates } from "./support/screen-states";
import { expectNoSidewaysScroll, expectReachable, navigateFromHeader, WIDTHS } from "./support/viewport";
import type { ReorderRow } from "../lib/reorder/reorder-rows";
import type { ReorderView } from "../server/reorder/get-reorder";

// Issue 17: the Reorder view (/reorder) as the merchandiser who buys. The first tests answer
// GET /api/reorder from a fixture (the page alone: rows, filter, CSV link, states, widths); the last
// reads the real route. REORDER_SCREENSHOTS=1 also writes docs/screenshots/reorder-*.png.

test.use({ storageState: stateFor("merchandiser") });

const row = (r: Partial<ReorderRow> & Pick<ReorderRow, "sku" | "name">): ReorderRow => ({
  availableReal: 0,
  velocity: 0,
  daysOfInventory: null,
  leadTimeDays: 14,
  safetyDays: 7,
  incoming: 0,
  lowCover: true,
  suggestedQuantity: 0,
  urgency: null,
  alert: null,
  muted: false,
  mutedUntil: null,
  ...r,
});
const ROWS: ReorderRow[] = [
  row({
    sku: "KNEE-BRACE-M-BLK",
    name: "Knee Brace (M, Black)",
    availableReal: 12,
    velocity: 6.5,
    daysOfInventory: 12 / 6.5,
    incoming: 40,
    suggestedQuantity: 85,
    urgency: 12 / 6.5 - 14,
    alert: { id: "1", state: "open" },
  }),
  row({
    sku: "CALF-SLEEVE-XL-WHT-WITH-A-VERY-LONG-CODE",
    name: "Calf Sleeve (XL, White) with a name long enough to wrap on a phone",
    availableReal: 30,
    velocity: 3,
    daysOfInventory: 10,
    leadTimeDays: 7,
    suggestedQuantity: 12,
    urgency: 3,
    alert: { id: "2", state: "open" },
    muted: true,
    mutedUntil: "2026-12-09T12:00:00.000Z",
  }),
  row({ sku: "KT-TAPE-5M-PNK", name: "KT Tape 5 m (Pink)", availableReal: 50, velocity: 3, daysOfInventory: 50 / 3, leadTimeDays: 10, suggestedQuantity: 1, urgency: 50 / 3 - 10 }),
];
const FIXTURE: ReorderView = { safetyDays: 7, show: "reorder", total: 3, rows: ROWS };
const LOW_ONLY: ReorderView = {
  safetyDays: 7,
  show: "low",
  total: 4,
  rows: [...ROWS, row({ sku: "COVERED-1", name: "Covered by a PO", availableReal: 2, velocity: 1, daysOfInventory: 2, incoming: 100, urgency: -12 })],
};

test("lists what to buy, most urgent first, with each SKU linked, the alert's state, the filter in the URL and a CSV link", async ({ page }) => {
  const asked: string[] = [];
  await page.route("**/api/reorder*", async (route) => {
    const u = new URL(route.request().url());
    asked.push(u.search);
    await route.fulfill({ json: u.searchParams.get("show") === "low" ? LOW_ONLY : FIXTURE });
  });
  await page.goto("/reorder");
  await expect(page.getByRole("heading", { level: 1, name: "Reorder" })).toBeVisible();
  const rows = page.getByTestId("reorder-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("KNEE-BRACE-M-BLK");
  await expect(rows.first().locator("[data-col='suggested']")).toContainText("85");
  await expect(rows.first()).toContainText("runs out 12 d before a PO arrives");
  await expect(rows.first()).toContainText("Alert open");
  await expect(rows.nth(1)).toContainText("Muted until");
  await expect(rows.nth(1)).toContainText("3.0 d to spare");
  await expect(rows.nth(2)).toContainText("No alert");
  await expect(rows.first().getByRole("link", { name: "KNEE-BRACE-M-BLK" })).toHaveAttribute("href", "/skus/KNEE-BRACE-M-BLK");
  await expect(page.getByTestId("reorder-export")).toHaveAttribute("href", "/api/reorder?format=csv");
  await expect(page.getByTestId("reorder-count")).toContainText("3 SKUs");

  await page.getByTestId("reorder-show").selectOption("low");
  await expect(rows).toHaveCount(4);
  await expect(page).toHaveURL(/\/reorder\?show=low$/);
  await expect(page.getByTestId("reorder-export")).toHaveAttribute("href", "/api/reorder?show=low&format=csv");
  await expect(rows.nth(3)).toContainText("(incoming covers it)");
  expect(asked).toContain("?show=low");
});

test("says when it is loading, when there is nothing to reorder, and when the API fails (with Retry)", async ({ page }) => {
  await expectListStates(page, {
    pattern: "**/api/reorder*",
    path: "/reorder",
    answers: { full: FIXTURE, empty: { safetyDays: 7, show: "reorder", total: 0, rows: [] } },
    loading: "reorder-loading",
    row: "reorder-row",
    rows: 3,
    empty: "reorder-empty",
    emptyText: "Nothing to reorder",
    failure: "Couldn't load the reorder list",
    atEmpty: process.env.REORDER_SCREENSHOTS ? () => page.screenshot({ path: "docs/screenshots/reorder-empty.png" }) : undefined,
  });
});

for (const w of WIDTHS) {
  test(`fits at ${w.width} px, reached from the header`, async ({ page }) => {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.route("**/api/reorder*", (route) => route.fulfill({ json: FIXTURE }));
    await navigateFromHeader(page, w.width, /^Reorder/);
    await expect(page).toHaveURL(/\/reorder$/);
    await expect(page.getByTestId("reorder-row")).toHaveCount(3);
    await expectNoSidewaysScroll(page, `/reorder at ${w.width}`);
    await expectReachable(page, page.getByTestId("reorder-export"), "Export CSV");
    await expectReachable(page, page.getByTestId("reorder-show"), "the filter");
    await expectReachable(page, page.getByTestId("reorder-row").nth(1), "a row");
    if (process.env.REORDER_SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/reorder-${w.width}.png`, fullPage: true });
  });
}

test.describe("as an analyst", () => {
  test.use({ storageState: stateFor("analyst") });
  test("the page is refused and not in the header", async ({ page }) => {
    await page.goto("/reorder");
    await expect(page.getByTestId("no-access")).toContainText("merchandisers and above");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Reorder/ })).toHaveCount(0);
  });
});

test("reads the real list: a selling SKU with an ASN on its way gets its suggestion, on the page and in the CSV", async ({ page, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, storageState: stateFor("admin") });
  const code = uniqueCode("REORD");
  await putCatalog(admin, [{ code, name: `E2E reorder ${code}`, leadTimeDays: 10 }]);
  await postEvent(admin, { type: "receipt", sku: code, quantity: 20, occurredAt: new Date(Date.now() - 60_000).toISOString() });
  await postEvent(admin, { type: "order.placed", sku: code, quantity: 10, orderId: `o-${code}` });
  await postEvent(admin, { type: "asn", sku: code, quantity: 30, reference: `ASN-${code}`, expectedAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
  // 10 sold today: velocity 10/day, 10 left = 1 day of cover < 10 + 7; ⌈17 × 10 − 10 − 30⌉ = 130.
  await page.goto("/reorder");
  const r = page.locator(`[data-testid='reorder-row'][data-sku='${code}']`);
  await expect(r.locator("[data-col='suggested']")).toContainText("130");
  await expect(r).toContainText("runs out 9.0 d before a PO arrives");
  await r.getByRole("link", { name: code }).click();
  await expect(page).toHaveURL(new RegExp(`/skus/${code}$`));

  const csv = await page.request.get("/api/reorder?format=csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  const lines = (await csv.text()).split("\r\n");
  expect(lines[0]).toBe("sku,name,availableReal,velocityPerDay,daysOfInventory,leadTimeDays,safetyDays,incoming,suggestedQuantity,lowCoverAlert,mutedUntil");
  const mine = lines.find((l) => l.startsWith(`${code},`));
  expect(mine?.split(",").slice(2, 9)).toEqual(["10", "10", "1", "10", "7", "30", "130"]);
  await admin.dispose();
});
