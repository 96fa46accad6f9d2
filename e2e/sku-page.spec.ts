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
    // Cover has one name, unit and format on every page (review #21): "0.0 days", as the list shows it.
    await expect(page.getByTestId("sku-cover")).toHaveText(/^0\.0\s*days$/);
    await expect(page.getByText("Cover", { exact: true })).toBeVisible();

    await page.goto(`/?q=${encodeURIComponent(code)}`);
    const row = page.locator(`[data-testid=stock-row][data-sku="${code}"]`);
    await expect(row.locator("[data-col=daysOfInventory]")).toContainText("0.0");
  });

  test("a count's variance has one sign in the dialog and the ledger: system − counted, in words", async ({ page, request }) => {
    const code = uniqueCode("VAR");
    await putCatalog(request, [{ code, name: "E2E variance" }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 7 });

    await page.goto(`/skus/${encodeURIComponent(code)}`);
    const row = page.locator(`tr[data-location="${LOCATION}"]`);
    const ledger = page.getByTestId("ledger-row");
    await expect(ledger).toHaveCount(1);

    // 7 on hand, 4 counted: 3 units missing is +3 (docs/RECONCILIATION.md#numbers), in the dialog and then in the ledger.
    await row.getByTestId("count-button").click();
    const dialog = page.getByTestId("cycle-count-dialog");
    await expect(dialog.getByTestId("count-on-hand")).toHaveText("7");
    await dialog.getByTestId("count-quantity").fill("4");
    await expect(dialog.getByTestId("count-quantity-msg")).toContainText("Variance +3");
    await expect(dialog.getByTestId("count-quantity-msg")).toContainText("3 units missing");
    await dialog.getByTestId("count-submit").click();
    await expect(dialog).toBeHidden();
    await expect(ledger).toHaveCount(2);
    await expect(ledger.first().getByTestId("variance-flag")).toHaveText("variance +3 · 3 units missing");
    await expect(row.locator("[data-bucket=onHand]")).toHaveText("4");

    // 4 on hand, 6 counted: found units are negative, both places.
    await row.getByTestId("count-button").click();
    await dialog.getByTestId("count-quantity").fill("6");
    await expect(dialog.getByTestId("count-quantity-msg")).toContainText("Variance −2");
    await expect(dialog.getByTestId("count-quantity-msg")).toContainText("2 units found");
    await dialog.getByTestId("count-submit").click();
    await expect(ledger).toHaveCount(3);
    await expect(ledger.first().getByTestId("variance-flag")).toHaveText("variance −2 · 2 units found");
  });

  test("an unknown SKU code shows the not-found state", async ({ page }) => {
    await page.goto(`/skus/NO-SUCH-SKU-${Date.now()}`);
    await expect(page.getByTestId("sku-not-found")).toBeVisible();
    await expect(page.getByTestId("sku-not-found")).toContainText("No SKU with code");
    await expect(page.getByTestId("sku-not-found")).not.toContainText("/api/");
  });

  test("a code typed in other capitals or with a typo offers the SKU it meant, as a link", async ({ page, request }) => {
    const code = uniqueCode("SUGGEST");
    await putCatalog(request, [{ code, name: "E2E suggested brace" }]);

    await page.goto(`/skus/${encodeURIComponent(code.toLowerCase())}`);
    const notFound = page.getByTestId("sku-not-found");
    await expect(notFound).toContainText("Did you mean");
    await expect(notFound).not.toContainText("PUT /api/catalog");
    const first = page.getByTestId("sku-suggestions").getByRole("link").first();
    await expect(first).toHaveAttribute("data-sku", code);
    await expect(first).toContainText("E2E suggested brace");

    // One character off (the last one dropped) still finds it.
    await page.goto(`/skus/${encodeURIComponent(code.slice(0, -1))}`);
    await expect(page.getByTestId("sku-suggestions").locator(`[data-sku="${code}"]`)).toBeVisible();
    await page.getByTestId("sku-suggestions").locator(`[data-sku="${code}"]`).click();
    await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
  });
});
