import { expect, test } from "@playwright/test";
import { CHANNELS, markNoReload, postEvent, putCatalog, putTaggedSkus, uniqueCode, waitForLive } from "./support/onepool-api";

test.describe("live stock page", () => {
  test("a posted event changes the SKU's numbers on the page without a reload", async ({ page, request }) => {
    const code = uniqueCode("LIVE");
    await putCatalog(request, [{ code, name: "E2E live knee brace", leadTimeDays: 10 }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 40 });

    await page.goto("/");
    await waitForLive(page);

    // Keyboard search: "/" focuses the box, the query runs server-side after a debounce.
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox")).toBeFocused();
    await page.keyboard.type(code);
    // By data-sku, not by count: the server's search may also match other SKUs (see the report on tags).
    const row = page.locator(`[data-testid=stock-row][data-sku="${code}"]`);
    await expect(row).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${code}`));

    const available = row.locator("[data-col=availableReal]");
    await expect(available).toHaveText("40");
    await expect(row.locator(`[data-channel=${CHANNELS[0]}]`)).toHaveText("40");
    await expect(row.getByText("OK")).toBeVisible();

    const assertNoReload = await markNoReload(page);
    await postEvent(request, { type: "order.placed", sku: code, channel: CHANNELS[0], quantity: 3, orderId: `${code}-o1` });

    // 40 on hand, 3 committed: available real 37, on every channel, and the cell flashes.
    await expect(available).toHaveText("37");
    await expect(available).toHaveAttribute("data-flash", "flash-down");
    await expect(row.locator(`[data-channel=${CHANNELS[0]}]`)).toHaveText("37");
    await expect(row.locator(`[data-channel=${CHANNELS[1]}]`)).toHaveText("37");

    // A receipt raises it again, still in place.
    await postEvent(request, { type: "receipt", sku: code, quantity: 10 });
    await expect(available).toHaveText("47");
    await assertNoReload();
  });

  test("a search with no results shows the no-match state, and Esc clears it", async ({ page, request }) => {
    const code = uniqueCode("NOMATCH");
    await putCatalog(request, [{ code, name: "E2E no-match probe" }]);
    const nonsense = `qxjzvw${Date.now()}`;

    await page.goto("/");
    await expect(page.getByTestId("stock-row").first()).toBeVisible();

    const search = page.getByRole("searchbox");
    await search.fill(nonsense);
    const noMatch = page.getByTestId("no-match");
    await expect(noMatch).toBeVisible();
    await expect(noMatch).toContainText(nonsense);
    await expect(page.getByTestId("stock-row")).toHaveCount(0);
    await expect(page.getByTestId("empty-state")).toHaveCount(0);

    await search.press("Escape");
    await expect(search).toHaveValue("");
    await expect(noMatch).toBeHidden();
    await expect(page.getByTestId("stock-row").first()).toBeVisible();
  });

  test("sorting by a column header asks the server for that order", async ({ page, request }) => {
    const low = uniqueCode("SORTLOW");
    const high = uniqueCode("SORTHIGH");
    const tag = `e2e-sort-${Date.now()}`;
    await putCatalog(request, [
      { code: low, name: "E2E sort low", tags: [tag] },
      { code: high, name: "E2E sort high", tags: [tag] },
    ]);
    await postEvent(request, { type: "receipt", sku: low, quantity: 2 });
    await postEvent(request, { type: "receipt", sku: high, quantity: 900 });

    await page.goto(`/?q=${tag}`);
    const rows = page.getByTestId("stock-row");
    const ours = rows.and(page.locator(`[data-sku="${low}"], [data-sku="${high}"]`));
    await expect(ours).toHaveCount(2);
    // Our two SKUs, in the order the page shows them (other rows may match the search too).
    const order = async () => (await ours.evaluateAll((els) => els.map((e) => e.getAttribute("data-sku")))).join(",");

    const header = page.getByRole("columnheader", { name: /Available real/ });
    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    await expect(page).toHaveURL(/sort=availableReal/);
    await expect.poll(order).toBe(`${low},${high}`);

    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    await expect(page).toHaveURL(/sort=-availableReal/);
    await expect.poll(order).toBe(`${high},${low}`);

    // Rows are links: arrow keys move between them, Enter opens the SKU page.
    const highLink = ours.first().getByRole("link");
    await highLink.focus();
    const next = rows.nth((await rows.evaluateAll((els, c) => els.findIndex((e) => e.getAttribute("data-sku") === c), high)) + 1);
    await page.keyboard.press("ArrowDown");
    await expect(next.getByRole("link")).toBeFocused();
    const nextCode = await next.getAttribute("data-sku");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/skus/${nextCode}$`));
  });

  test("a long list renders only the rows in view, announces its count, and gets live rows only for those", async ({ page, request }) => {
    const { tag, codes } = await putTaggedSkus(request, "VIRT", 150, "E2E virtual");
    // Socket.IO text frames as they arrive: what the server sent this page, not what it showed.
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", (f) => typeof f.payload === "string" && f.payload.includes('"frame"') && frames.push(f.payload)));

    await page.goto(`/?q=${tag}`);
    await waitForLive(page);
    const rows = page.getByTestId("stock-row");
    await expect(rows.first()).toHaveAttribute("data-sku", codes[0]);
    await expect(page.getByTestId("row-count")).toContainText("Showing 100 of 150");
    // All 150 are announced (plus the header row); far fewer than the 100 loaded are in the DOM.
    await expect(page.getByRole("table")).toHaveAttribute("aria-rowcount", "151");
    expect(await rows.count()).toBeLessThan(80);
    await expect(page.locator(`[data-sku="${codes[95]}"]`)).toHaveCount(0);

    // A row in view changes live.
    await postEvent(request, { type: "receipt", sku: codes[1], quantity: 7 });
    await expect(page.locator(`[data-sku="${codes[1]}"] [data-col=availableReal]`)).toHaveText("7");
    // A change out of view is not sent to this page: once the later change in view has arrived
    // (frames keep their order), no frame has carried the other.
    frames.length = 0;
    await postEvent(request, { type: "receipt", sku: codes[95], quantity: 5 });
    await postEvent(request, { type: "receipt", sku: codes[2], quantity: 3 });
    await expect(page.locator(`[data-sku="${codes[2]}"] [data-col=availableReal]`)).toHaveText("3");
    expect(frames.some((f) => f.includes(codes[2]))).toBe(true);
    expect(frames.some((f) => f.includes(codes[95]))).toBe(false);

    // Scrolled into view, it shows its current numbers, in its place in the whole list.
    await page.getByTestId("row-count").scrollIntoViewIfNeeded();
    const far = page.locator(`[data-testid=stock-row][data-sku="${codes[95]}"]`);
    await expect(far).toBeVisible();
    await expect(far).toHaveAttribute("aria-rowindex", "97");
    await expect(far.locator("[data-col=availableReal]")).toHaveText("5");
    await expect(rows.first()).not.toHaveAttribute("data-sku", codes[0]);

    // "Load more" still loads the next page, and its last row can be reached.
    await page.getByRole("button", { name: "Load 50 more" }).click();
    await expect(page.getByTestId("row-count")).toContainText("Showing 150 of 150");
    await page.getByTestId("row-count").scrollIntoViewIfNeeded();
    await expect(page.locator(`[data-testid=stock-row][data-sku="${codes[149]}"]`)).toBeVisible();
  });
  test("a SKU out of view whose numbers move it to the top of the sort shows there without a reload", async ({ page, request }) => {
    const { base, tag, codes } = await putTaggedSkus(request, "MOVE", 60, "E2E move");
    await page.goto(`/?q=${tag}&sort=-availableReal`);
    await waitForLive(page);
    const rows = page.getByTestId("stock-row");
    await expect(rows.first()).toHaveAttribute("data-sku", codes[0]);
    // All 60 are loaded, but the last is not rendered, so this page does not watch it.
    await expect(page.getByTestId("row-count")).toContainText("Showing 60 of 60");
    await expect(page.locator(`[data-sku="${codes[59]}"]`)).toHaveCount(0);

    // Its receipt puts it first in this sort: its row is left out of this page's frames, which say
    // rows were left out, and the page refetches what it shows (docs/LIVE.md §8).
    const assertNoReload = await markNoReload(page);
    await postEvent(request, { type: "receipt", sku: codes[59], quantity: 50 });
    await expect(rows.first()).toHaveAttribute("data-sku", codes[59], { timeout: 15_000 });
    await expect(rows.first().locator("[data-col=availableReal]")).toHaveText("50");
    // A brand-new SKU of the search appears the same way.
    const fresh = `${base}-NEW`;
    await putCatalog(request, [{ code: fresh, name: `E2E move ${fresh}`, tags: [tag] }]);
    await postEvent(request, { type: "receipt", sku: fresh, quantity: 80 });
    await expect(rows.first()).toHaveAttribute("data-sku", fresh, { timeout: 15_000 });
    await assertNoReload();
  });
});
