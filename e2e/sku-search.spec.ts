import { expect, test } from "@playwright/test";
import { CHANNELS, postEvent, postEventStatus, putCatalog, uniqueCode } from "./support/onepool-api";

// Review #11: search matched one contiguous substring, so "knee brace black" found nothing although
// "Knee Brace (M, Black)" exists. Every word now matches anywhere, and the empty messages speak to people.

test.describe("SKU search", () => {
  test("the stock list finds a SKU by words in any order, and says how search works when nothing matches", async ({ page, request }) => {
    const code = uniqueCode("WORDS");
    const unique = code.split("-").slice(2).join(" ").toLowerCase();
    await putCatalog(request, [{ code, name: "E2E Knee Brace (M, Black)" }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 5 });

    await page.goto("/");
    const search = page.getByRole("searchbox");
    await search.fill(`black knee brace m ${unique}`);
    await expect(page.locator(`[data-testid=stock-row][data-sku="${code}"]`)).toBeVisible();

    await search.fill(`knee brace red ${unique}`);
    const noMatch = page.getByTestId("no-match");
    await expect(noMatch).toContainText("Every word must appear");
    await expect(noMatch).not.toContainText("/api/");
  });

  test("the unmapped SKU picker matches every word, and its empty message speaks to the merchandiser", async ({ page, request }) => {
    const sku = uniqueCode("PICK");
    const unique = sku.split("-").slice(2).join(" ").toLowerCase();
    await putCatalog(request, [{ code: sku, name: "E2E Ankle Brace (L, Beige)" }]);
    const externalId = `ext-pick-${Date.now().toString(36)}`;
    const parked = await postEventStatus(request, { type: "order.placed", listing: { channel: CHANNELS[0], externalId }, quantity: 1, orderId: `${externalId}-o1` });
    expect(parked.status).toBe("unmapped");

    await page.goto("/admin/unmapped");
    const row = page.locator(`[data-testid=unmapped-row][data-external-id="${externalId}"]`);
    await row.getByRole("button", { name: /^Map to SKU/ }).click();
    const picker = page.getByRole("combobox", { name: new RegExp(externalId) });

    await picker.fill(`ankle brace purple ${unique}`);
    const empty = page.getByTestId("sku-picker-empty");
    await expect(empty).toContainText("No SKU matches");
    await expect(empty).not.toContainText("PUT");
    await expect(empty).not.toContainText("/api/");

    await picker.fill(`beige ankle ${unique}`);
    await expect(page.locator(`[data-testid=sku-options] [data-sku="${sku}"]`)).toBeVisible();
  });
});
