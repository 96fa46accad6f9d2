import { expect, test } from "@playwright/test";
import { CHANNELS, postEvent, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";
import { stateFor } from "./support/people";

// Merchandisers at work (issue 6): a buffer change previewed, saved and seen live in another
// browser; a pause that shows 0 with its badge everywhere, and a resume that restores the number.
// SKU overrides and SKU pauses only: channel-wide rules would move the other specs' numbers.

const MARKET = CHANNELS[1];

test.describe("channel rules and pauses", () => {
  test("a merchandiser previews a buffer, saves it, and a second browser sees the number change live", async ({ browser, request }) => {
    const sku = uniqueCode("RULE");
    await putCatalog(request, [{ code: sku, name: "E2E rule target" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 20 });

    // The watcher: an analyst with the SKU page open.
    const watcher = await (await browser.newContext({ storageState: stateFor("analyst") })).newPage();
    await watcher.goto(`/skus/${sku}`);
    await waitForLive(watcher);
    const card = watcher.locator(`li[data-channel="${MARKET}"]`);
    await expect(card.getByTestId("explain-trigger")).toHaveText("20");

    const merch = await (await browser.newContext({ storageState: stateFor("merchandiser") })).newPage();
    await merch.goto(`/rules?channel=${MARKET}`);
    await expect(merch.getByTestId("rules-page")).toBeVisible();
    await merch.getByTestId("add-sku-override").click();
    await merch.getByTestId("add-sku-panel").getByRole("combobox").fill(sku);
    await merch.locator(`[data-testid=sku-options] [data-sku="${sku}"]`).click();
    const editor = merch.getByTestId("rule-editor");
    await editor.getByTestId("rule-field-bufferUnits").fill("5");
    // The preview, before saving: one number changes, 0 → 5 units withheld on this SKU.
    const preview = editor.getByTestId("rule-preview");
    await expect(preview.getByTestId("preview-changed")).toHaveAttribute("data-count", "1");
    await expect(preview.getByTestId("preview-withheld")).toHaveAttribute("data-after", /^\d+$/);
    const before = Number(await preview.getByTestId("preview-withheld").getAttribute("data-before"));
    await expect(preview.getByTestId("preview-withheld")).toHaveAttribute("data-after", String(before + 5));
    // Nothing is saved yet.
    await merch.waitForTimeout(300);
    await expect(card.getByTestId("explain-trigger")).toHaveText("20");

    const saved = Date.now();
    await editor.getByTestId("rule-save").click();
    await expect(merch.locator(`[data-testid=rule-row][data-sku="${sku}"]`)).toBeVisible();
    // Live in the other browser, within a second, without a reload.
    await expect(card.getByTestId("explain-trigger")).toHaveText("15", { timeout: 5000 });
    expect(Date.now() - saved).toBeLessThan(5000);

    // Its breakdown names the rule the buffer came from.
    await card.getByTestId("explain-trigger").click();
    const why = watcher.getByTestId("explain-popover");
    await expect(why.getByTestId("explain-published")).toContainText("15");
    await expect(why.getByTestId("explain-buffer-applied")).toContainText("5");
    await watcher.keyboard.press("Escape");

    // Undo puts it back.
    await merch.getByTestId("rule-undo").click();
    await expect(card.getByTestId("explain-trigger")).toHaveText("20", { timeout: 5000 });
    await merch.context().close();
    await watcher.context().close();
  });

  test("pausing a SKU on one channel shows 0 with its badge everywhere; resuming restores it", async ({ browser, request }) => {
    const sku = uniqueCode("PAUSE");
    await putCatalog(request, [{ code: sku, name: "E2E pause target" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 12 });

    const watcher = await (await browser.newContext({ storageState: stateFor("analyst") })).newPage();
    await watcher.goto(`/?q=${sku}`);
    await waitForLive(watcher);
    const cell = watcher.locator(`[data-testid=stock-row][data-sku="${sku}"] [data-channel-cell="${MARKET}"]`);
    await expect(cell).toContainText("12");
    // Analysts see pauses but cannot set them.
    await expect(watcher.locator(`[data-testid=stock-row][data-sku="${sku}"]`).getByTestId("pause-button")).toHaveCount(0);

    const merch = await (await browser.newContext({ storageState: stateFor("merchandiser") })).newPage();
    await merch.goto(`/skus/${sku}`);
    const control = merch.locator(`[data-testid=pause-control][data-channel="${MARKET}"][data-sku="${sku}"]`);
    await control.getByTestId("pause-button").click();
    const form = merch.getByTestId("pause-form");
    await form.getByTestId("pause-reason").fill("listing under review");
    await form.getByTestId("pause-submit").click();
    await expect(control).toHaveAttribute("data-state", "paused");
    await expect(merch.locator(`li[data-channel="${MARKET}"]`)).toContainText("listing under review");

    // The other browser: paused, with who and why; the API says 0.
    await expect(cell).toContainText(/paused/i);
    await expect(cell.locator("[title]").first()).toHaveAttribute("title", /listing under review/);
    const row = (await (await request.get(`/api/skus/${sku}`)).json()) as { channels: { code: string; published: number; paused: boolean; pausedBy: { reason: string; by: string } | null }[] };
    expect(row.channels.find((c) => c.code === MARKET)).toMatchObject({ published: 0, paused: true, pausedBy: { reason: "listing under review" } });

    await control.getByTestId("resume-button").click();
    await expect(control).toHaveAttribute("data-state", "active");
    await expect(cell).toContainText("12");
    await merch.context().close();
    await watcher.context().close();
  });
});
