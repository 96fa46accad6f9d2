import { expect, test } from "@playwright/test";
import { availableReal, LOCATION, markNoReload, openReconciliationLive, postEvent, putCatalog, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";
import { expectNoSidewaysScroll, expectReachable } from "./support/viewport";

// The count workflow of docs/RECONCILIATION.md#numbers in browsers: an analyst counts with scanner-like keystrokes
// (code + Enter, quantity + Enter) on a tablet-sized screen, blind; a merchandiser reviews and
// approves; the dashboard tile and the reconciliation matrix open in a third browser move live.

const TABLET = { width: 820, height: 1180 };
test.use({ storageState: stateFor("analyst"), viewport: TABLET });

test("an analyst counts three SKUs with a scanner at 820 px, blind; a merchandiser approves; tile and matrix move live elsewhere", async ({ page, request, browser }) => {
  // Four pages in three browsers (counter, reviewer, dashboard, matrix) on a database the whole suite filled.
  test.slow();
  const skus = [uniqueCode("CNTA"), uniqueCode("CNTB"), uniqueCode("CNTC")];
  await putCatalog(
    request,
    skus.map((code) => ({ code, name: `Counted ${code.slice(-6)}` })),
  );
  for (const sku of skus) await postEvent(request, { type: "receipt", sku, quantity: 20 });

  await page.goto("/counts");
  await page.getByTestId("open-count").click();
  await page.getByTestId("count-location").selectOption(LOCATION);
  await page.getByRole("radio", { name: "Listed SKUs" }).check();
  await page.getByTestId("count-skus").fill(skus.join("\n"));
  await page.getByTestId("open-count-submit").click();
  await expect(page).toHaveURL(/\/counts\/cnt_/);
  const url = page.url();

  const scan = page.getByTestId("count-scan");
  const lines = page.getByTestId("count-lines");
  await expect(scan).toBeFocused();
  // A scanner types the code and Enter; the person types the units and Enter. The keyboard alone.
  const count = async (sku: string, units: number) => {
    await expect(scan).toBeFocused();
    await page.keyboard.type(sku);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("count-qty")).toBeFocused();
    await page.keyboard.type(String(units));
    await page.keyboard.press("Enter");
    await expect(page.locator("#count-msg")).toContainText(`Saved ${sku}: ${units}`);
  };
  await count(skus[0], 5);
  await count(skus[1], 17);
  await count(skus[2], 20);
  await count(skus[0], 21); // a recount replaces the line
  await expect(page.locator("#count-msg")).toContainText("recount replaced the line");
  await expect(lines.locator("li")).toHaveCount(3);
  await expect(lines).toContainText("21");
  // Blind: the counter never sees the system number.
  await expect(page.getByText("System", { exact: true })).toHaveCount(0);
  await page.getByTestId("count-submit").click();
  await expect(page.getByTestId("count-status")).toHaveText("In review");
  await expect(page.getByTestId("review-table")).toHaveCount(0);

  // A third browser watches the dashboard tile and the matrix (this location, first counts: > 90 d).
  const watcher = await browser.newContext({ storageState: stateFor("analyst") });
  const dash = await watcher.newPage();
  const rec = await watcher.newPage();
  const tile = await openReconciliationLive(dash, rec);
  // On a database with no count yet the tile and the page show their empty states: zero lines.
  const tileLines = async () => {
    const n = tile.getByTestId("reconciliation-lines");
    return (await n.count()) ? Number((await n.textContent())?.replace(/,/g, "") || 0) : 0;
  };
  const cell = rec.locator(`[data-testid=heat-row][data-location="${LOCATION}"] [data-testid=heat-cell][data-bucket=">90"]`);
  const cellLines = async () => ((await cell.count()) ? Number(await cell.getAttribute("data-lines")) : 0);
  await expect(rec.getByTestId("heat-table").or(rec.getByTestId("reconciliation-empty"))).toBeVisible();
  const [tileBefore, cellBefore] = [await tileLines(), await cellLines()];
  const dashSame = await markNoReload(dash);
  const recSame = await markNoReload(rec);

  const ctx = await browser.newContext({ storageState: stateFor("merchandiser"), viewport: TABLET });
  try {
    const review = await ctx.newPage();
    await review.goto(url);
    const table = review.getByTestId("review-table");
    await expect(table).toBeVisible();
    // Sorted by |value| then |variance|: B (+3) before A (−1) before C (0).
    await expect(table.locator("tbody tr").first()).toContainText(skus[1]);
    await expect(table.locator("tbody tr").first()).toContainText("+3");
    await expect(review.getByTestId("approve")).toBeDisabled();
    await review.getByTestId(`reason-${skus[1]}`).selectOption("theft");
    await review.getByTestId("approve").click();
    await review.getByTestId("approve-confirm").click();
    await expect(review.getByTestId("count-status")).toHaveText("Approved");
  } finally {
    await ctx.close();
  }
  // The counter's screen follows the approval without a reload (the "counts" room).
  await expect(page.getByTestId("count-status")).toHaveText("Approved", { timeout: 5000 });
  await expect.poll(() => availableReal(request, skus[1])).toBe(17);
  expect(await availableReal(request, skus[0])).toBe(21);
  // Three counted lines: the tile and the matrix cell move within seconds, without a reload.
  await expect.poll(tileLines, { timeout: 5000 }).toBe(tileBefore + 3);
  await expect.poll(cellLines, { timeout: 5000 }).toBe(cellBefore + 3);
  await dashSame();
  await recSame();
  await watcher.close();
});

test.describe("at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the counting screen works with the keyboard alone at 390 px and never scrolls sideways", async ({ page, request, baseURL }) => {
    const sku = uniqueCode("CNTP");
    await putCatalog(request, [{ code: sku, name: "Phone counted" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 3 });
    const opened = await request.post("/api/counts", { data: { location: LOCATION, skus: [sku] }, headers: { origin: baseURL! } });
    expect(opened.status(), await opened.text()).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    await page.goto(`/counts/${id}`);
    await expect(page.getByTestId("count-scan")).toBeFocused();
    await page.keyboard.type(sku.toLowerCase()); // a code typed in lower case is found too
    await page.keyboard.press("Enter");
    await page.keyboard.type("3");
    await page.keyboard.press("Enter");
    await expect(page.locator("#count-msg")).toContainText(`Saved ${sku}: 3`);
    await page.keyboard.type("NOT-IN-THIS-COUNT");
    await page.keyboard.press("Enter");
    await expect(page.locator("#count-msg")).toContainText("is not in this count");
    await expectNoSidewaysScroll(page, "counting at 390 px");
    await expectReachable(page, page.getByTestId("count-submit"), "Submit for review");
    await page.goto("/counts");
    await expect(page.getByTestId("counts-list")).toBeVisible();
    await expectNoSidewaysScroll(page, "counts list at 390 px");
  });
});
