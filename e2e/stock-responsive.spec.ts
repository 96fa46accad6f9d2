import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { CHANNELS, LOCATION, postEvent, putCatalog, putTaggedSkus, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";
import { expectNoSidewaysScroll, expectReachable, WIDTHS } from "./support/viewport";

// Review #10: on a tablet the stock table showed one channel and the rest needed a whole-page
// sideways scroll. At phone, tablet and desktop widths the stock list and the SKU page must not
// scroll sideways, every channel's number must be on screen, and the row actions must lie inside
// the viewport (not inside a sideways-scrolling box) and work.

const noPageScroll = (page: Page) => expectNoSidewaysScroll(page, page.url());
const insideViewport = (page: Page, el: Locator) => expectReachable(page, el, "on screen");

/** A new SKU with a receipt of `quantity`, its row shown in the stock list searched for it. */
async function openStockRow(page: Page, request: APIRequestContext, prefix: string, name: string, quantity: number): Promise<Locator> {
  const code = uniqueCode(prefix);
  await putCatalog(request, [{ code, name }]);
  await postEvent(request, { type: "receipt", sku: code, quantity });
  await page.goto(`/?q=${encodeURIComponent(code)}`);
  const row = page.locator(`[data-testid=stock-row][data-sku="${code}"]`);
  await expect(row).toBeVisible();
  return row;
}

for (const { width, height } of WIDTHS) {
  const viewport = { width, height };
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test.describe("as a merchandiser", () => {
      test.use({ storageState: stateFor("merchandiser") });

      test("the stock list: no sideways scroll, every channel's number and Pause on screen and working", async ({ page, request }) => {
        const row = await openStockRow(page, request, "RESP", "E2E responsive knee brace with a long name (XL, Black)", 12);
        await noPageScroll(page);

        const numbers = row.getByTestId("explain-trigger");
        const channels = await numbers.count();
        expect(channels).toBeGreaterThanOrEqual(CHANNELS.length);
        for (let i = 0; i < channels; i++) await insideViewport(page, numbers.nth(i));
        for (const col of ["availableReal", "daysOfInventory", "onHand", "incoming"]) await insideViewport(page, row.locator(`[data-col=${col}]`));

        // Explain opens its breakdown, inside the window.
        await numbers.first().click();
        const pop = page.locator("[popover]:popover-open");
        await expect(pop).toBeVisible();
        await insideViewport(page, pop);
        await page.keyboard.press("Escape");

        const pause = row.getByTestId("pause-button");
        await insideViewport(page, pause);
        await pause.click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await page.keyboard.press("Escape");
        await expect(page.getByRole("dialog")).toBeHidden();
        await noPageScroll(page);
      });
    });

    test.describe("as an analyst", () => {
      test.use({ storageState: stateFor("analyst") });

      test("the SKU page: no sideways scroll, channel cards and Count on screen, Count works", async ({ page, request }) => {
        const code = uniqueCode("RESPSKU");
        await putCatalog(request, [{ code, name: "E2E responsive SKU page" }]);
        await postEvent(request, { type: "receipt", sku: code, quantity: 9, reference: `PO-LONG-REFERENCE-${code}` });
        await postEvent(request, { type: "order.placed", sku: code, channel: CHANNELS[0], quantity: 1, orderId: `${code}-o1` });

        await page.goto(`/skus/${encodeURIComponent(code)}`);
        await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
        await expect(page.getByTestId("ledger-row")).toHaveCount(2);
        await noPageScroll(page);

        for (const c of CHANNELS) await insideViewport(page, page.locator(`li[data-channel="${c}"]`));
        const wh = page.locator(`tr[data-location="${LOCATION}"]`);
        for (const b of ["onHand", "committed", "available", "incoming"]) await insideViewport(page, wh.locator(`[data-bucket=${b}]`));

        const count = wh.getByTestId("count-button");
        await insideViewport(page, count);
        await count.click();
        const dialog = page.getByTestId("cycle-count-dialog");
        await expect(dialog).toBeVisible();
        await insideViewport(page, dialog.getByTestId("count-submit"));
        await dialog.getByTestId("count-quantity").fill("8");
        await expect(dialog.getByTestId("count-quantity-msg")).toContainText("Variance +1");
        await page.keyboard.press("Escape");
        await expect(dialog).toBeHidden();
        await noPageScroll(page);
      });
    });
  });
}

test.describe("at 1440 px, a table that would not fit", () => {
  test.use({ viewport: { width: 1440, height: 900 }, storageState: stateFor("merchandiser") });

  test("turns into cards instead of widening the page (very many channels), and back when there is room", async ({ page, request }) => {
    const row = await openStockRow(page, request, "RESPWIDE", "E2E responsive wide", 3);
    const main = page.locator("main");

    // Less room than the table needs: what many channels do to it at this width.
    const narrow = await page.addStyleTag({ content: "main { max-width: 700px !important; margin: 0 !important }" });
    await expect(main).toHaveAttribute("data-cards", "");
    await noPageScroll(page);
    await insideViewport(page, row.getByTestId("pause-button"));
    const box = (await row.getByTestId("pause-button").boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(700);
    await expect(page.getByTestId("sort-select")).toBeVisible();

    // With room again it is the table once more, unless other specs left this database so many (or so
    // long) channels that even 1440 px is too narrow; either way nothing scrolls sideways.
    await narrow.evaluate((el) => (el as HTMLStyleElement).remove());
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await expect(row).toBeVisible();
    if ((await main.getAttribute("data-cards")) === null) await expect(page.getByRole("columnheader", { name: /Available real/ })).toBeVisible();
  });
});

test.describe("at 390 px, a long list of cards", () => {
  test.use({ viewport: { width: 390, height: 844 }, storageState: stateFor("merchandiser") });

  test("renders only the cards in view, each measured: scrolled to the end, cards sit one below the other", async ({ page, request }) => {
    const { tag, codes } = await putTaggedSkus(request, "RESPLONG", 120, "E2E long list card");
    await page.goto(`/?q=${tag}`);
    const rows = page.getByTestId("stock-row");
    await expect(rows.first()).toHaveAttribute("data-sku", codes[0]);
    expect(await rows.count()).toBeLessThan(40);

    const last = page.locator(`[data-testid=stock-row][data-sku="${codes[99]}"]`);
    const before = page.locator(`[data-testid=stock-row][data-sku="${codes[98]}"]`);
    // To the end of the list, as a thumb would: unmeasured cards are estimates, so the end may move
    // a little as the cards above it are measured on the way.
    await expect(async () => {
      await page.getByTestId("row-count").scrollIntoViewIfNeeded();
      await expect(last).toBeVisible({ timeout: 500 });
    }).toPass();
    await insideViewport(page, last.getByTestId("pause-button"));
    // Heights are measured, not guessed: no card overlaps the one before it.
    const [a, b] = [(await before.boundingBox())!, (await last.boundingBox())!];
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
    await noPageScroll(page);
  });
});
