import { expect, test } from "@playwright/test";
import { CHANNELS, LOCATION, NON_SELLABLE, markNoReload, postEvent, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";

test.describe("SKU page", () => {
  test("shows buckets per location and a new event live, in the ledger and the numbers", async ({ page, request }) => {
    const code = uniqueCode("SKU");
    const po = `PO-${code}`;
    await putCatalog(request, [{ code, name: "E2E SKU page brace", leadTimeDays: 12 }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 25 });
    await postEvent(request, { type: "damage", sku: code, quantity: 2 });
    await postEvent(request, { type: "po", sku: code, quantity: 60, reference: po, expectedAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    await postEvent(request, { type: "return.received", sku: code, location: NON_SELLABLE, quantity: 1 });

    await page.goto(`/skus/${encodeURIComponent(code)}`);
    await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
    await expect(page.getByTestId("sku-available-real")).toHaveText("23");

    const buckets = page.getByTestId("location-buckets");
    const wh = buckets.locator(`tr[data-location="${LOCATION}"]`);
    await expect(wh.locator("[data-bucket=onHand]")).toHaveText("25");
    await expect(wh.locator("[data-bucket=damaged]")).toHaveText("2");
    await expect(wh.locator("[data-bucket=available]")).toHaveText("23");
    await expect(wh.locator("[data-bucket=incoming]")).toHaveText("60");
    const returns = buckets.locator(`tr[data-location="${NON_SELLABLE}"]`);
    await expect(returns).toContainText("not sellable");
    await expect(returns.locator("[data-bucket=qualityControl]")).toHaveText("1");
    await expect(buckets.locator("[data-total=onHand]")).toHaveText("26");

    await expect(page.getByTestId("incoming-lines")).toContainText(po);
    const ledger = page.getByTestId("ledger-row");
    await expect(ledger).toHaveCount(4);
    await expect(ledger.first()).toHaveAttribute("data-type", "return.received");

    await waitForLive(page);
    const assertNoReload = await markNoReload(page);
    await postEvent(request, { type: "order.placed", sku: code, channel: CHANNELS[1], quantity: 4, orderId: `${code}-o1` });

    await expect(ledger).toHaveCount(5);
    await expect(ledger.first()).toHaveAttribute("data-type", "order.placed");
    await expect(ledger.first()).toHaveClass(/flash-new/);
    await expect(ledger.first().locator("[data-col=quantity]")).toHaveText("4");
    await expect(wh.locator("[data-bucket=committed]")).toHaveText("4");
    await expect(wh.locator("[data-bucket=available]")).toHaveText("19");
    await expect(page.getByTestId("sku-available-real")).toHaveText("19");
    await expect(page.locator(`li[data-channel="${CHANNELS[1]}"]`)).toContainText("19");
    await assertNoReload();
  });

  test("a negative location is flagged and clamped out of available real", async ({ page, request }) => {
    const code = uniqueCode("NEG");
    await putCatalog(request, [{ code, name: "E2E oversold" }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 2 });
    await postEvent(request, { type: "order.placed", sku: code, channel: CHANNELS[0], quantity: 5, orderId: `${code}-o1` });

    await page.goto(`/skus/${encodeURIComponent(code)}`);
    const cell = page.locator(`tr[data-location="${LOCATION}"] [data-bucket=available]`);
    await expect(cell).toContainText("−3");
    await expect(cell).toContainText("negative");
    await expect(page.getByTestId("sku-available-real")).toHaveText("0");
    await expect(page.getByText("Stockout").first()).toBeVisible();
  });

  test("an unknown SKU code shows the not-found state", async ({ page }) => {
    await page.goto(`/skus/NO-SUCH-SKU-${Date.now()}`);
    await expect(page.getByTestId("sku-not-found")).toBeVisible();
    await expect(page.getByTestId("sku-not-found")).toContainText("No SKU with code");
  });
});
