import { expect, test } from "@playwright/test";
import { postEvent, putCatalog, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";
import { EMPTY_MATRIX, MATRIX, stub } from "./support/reconciliation-fixtures";
import { expectNoSidewaysScroll, expectReachable, WIDTHS } from "./support/viewport";

// The reconciliation screens against fixed answers of the NUMBERS routes (shapes of the issue-15
// contract), intercepted in the browser: layout, paging, toggles and states at every width, whatever
// the data. reconciliation-live.spec.ts checks the same screens against the real routes, live.

for (const { name, width, height } of WIDTHS) {
  test.describe(`reconciliation screens at ${width} px (${name})`, () => {
    test.use({ viewport: { width, height }, storageState: stateFor("analyst") });

    test("the heat table scrolls inside its card, a cell opens its lines, paged", async ({ page }) => {
      const seen = await stub(page);
      await page.goto("/reconciliation");
      await expect(page.getByTestId("heat-table")).toBeVisible();
      await expectNoSidewaysScroll(page, "/reconciliation");
      await expect(page.getByTestId("heat-row")).toHaveCount(3);
      await expect(page.getByTestId("total-lines")).toHaveText("150");
      await expect(page.getByTestId("total-rate")).toHaveText("1.5 %");
      await expect(page.getByTestId("trend-chart").locator(".recharts-line")).toHaveCount(2);

      const cell = page.locator('[data-testid=heat-cell][data-location="WH-SOUTH"][data-bucket="31-90"] button');
      await cell.scrollIntoViewIfNeeded();
      await expectReachable(page, cell, "a cell");
      await cell.click();
      const panel = page.getByTestId("lines-panel");
      await expect(panel.getByTestId("line-row")).toHaveCount(50);
      expect(
        seen.some((s) => s.startsWith("/api/reconciliation/lines?") && s.includes("location=WH-SOUTH") && s.includes("bucket=31-90") && s.includes(`from=${encodeURIComponent(MATRIX.from)}`)),
      ).toBe(true);
      await panel.getByTestId("lines-more").click();
      await expect(panel.getByTestId("line-row")).toHaveCount(57);
      await expect(panel.getByTestId("lines-more")).toHaveCount(0);
      await expectNoSidewaysScroll(page, "/reconciliation with lines open");
      await panel.getByTestId("lines-close").click();
      await expect(panel).toHaveCount(0);
    });

    test("units/value toggle, and the period lives in the URL", async ({ page }) => {
      const seen = await stub(page);
      await page.goto("/reconciliation?days=7");
      await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
      const main = page.locator('[data-testid=heat-cell][data-location="WH-SOUTH"][data-bucket="0-7"] [data-testid=heat-main]');
      await expect(main).toHaveText("0.6 %");
      await page.getByTestId("mode-value").click();
      await expect(main).toHaveText("123.45");
      await page.getByRole("button", { name: "90 days" }).click();
      await expect(page).toHaveURL(/\?days=90$/);
      await page.getByRole("button", { name: "Custom" }).click();
      await page.getByTestId("period-from").fill("2026-11-01");
      await page.getByTestId("period-to").fill("2026-11-30");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/from=2026-11-01&to=2026-11-30/);
      await expect.poll(() => seen.some((s) => s.includes(`from=${encodeURIComponent("2026-11-01T00:00:00.000Z")}&to=${encodeURIComponent("2026-12-01T00:00:00.000Z")}`))).toBe(true);
      await expectNoSidewaysScroll(page, "/reconciliation custom period");
    });

    test("the dashboard: the variance tile opens /reconciliation, drift unfolds per source", async ({ page }) => {
      await stub(page);
      await page.goto("/");
      const tile = page.getByTestId("reconciliation-tile");
      await expect(tile.getByTestId("reconciliation-rate")).toHaveText("1.5 %");
      await expect(tile.getByTestId("reconciliation-lines")).toHaveText("150");
      await expectReachable(page, tile, "the variance tile");
      const source = page.locator('[data-testid=drift-source][data-source="shopify-main"]');
      await expect(source.getByTestId("drift-skus")).toHaveText("2 SKUs");
      await source.getByRole("button").click();
      await expect(source.getByTestId("drift-row")).toHaveCount(2);
      await expectReachable(page, source.getByTestId("drift-row").first(), "a drifting SKU");
      await expectNoSidewaysScroll(page, "/ with drift open");
      await tile.click();
      await expect(page).toHaveURL(/\/reconciliation$/);
      await expect(page.getByRole("heading", { name: "Reconciliation" })).toBeVisible();
    });
  });
}

test.describe("reconciliation states", () => {
  test.use({ storageState: stateFor("analyst") });

  test("no counts yet says how counts get in; a failed load offers Retry", async ({ page }) => {
    await stub(page, { matrix: EMPTY_MATRIX });
    await page.goto("/reconciliation");
    await expect(page.getByTestId("reconciliation-empty")).toContainText("cycle_count");
    await expect(page.getByTestId("reconciliation-empty").getByRole("link", { name: "Counts" })).toHaveAttribute("href", "/counts");
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await stub(page, { failMatrix: true });
    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "Couldn't load the reconciliation" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
  });

  test("the SKU page shows what each source said next to the pool", async ({ page, request }) => {
    const code = uniqueCode("SAID");
    await putCatalog(request, [{ code, name: "E2E sources said" }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 12 });
    await page.route(/\/sources-said$/, (route) =>
      route.fulfill({
        json: {
          locations: [
            {
              location: "e2e-wh-1",
              onHand: 12,
              said: [
                { source: "e2e-wms", bucket: "on_hand", reported: 12, drift: 0, at: "2026-12-06T10:00:00.000Z", trusted: true },
                { source: "shopify-main", bucket: "available", reported: 9, drift: 3, at: "2026-12-06T11:00:00.000Z", trusted: false },
              ],
            },
          ],
        },
      }),
    );
    await page.goto(`/skus/${encodeURIComponent(code)}`);
    const rows = page.getByTestId("said-row");
    await expect(rows).toHaveCount(2);
    await expect(page.locator('[data-testid=said-row][data-source="shopify-main"]')).toHaveAttribute("data-trusted", "false");
    await expect(page.locator('[data-testid=said-row][data-source="shopify-main"] [data-testid=said-drift]')).toHaveText("drift +3");
    await expect(page.locator('[data-testid=said-row][data-source="e2e-wms"] [data-testid=said-drift]')).toHaveText("agrees");
  });
});
