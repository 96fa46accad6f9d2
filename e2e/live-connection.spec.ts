import { expect, test } from "@playwright/test";
import { postEvent, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";

// The badge and the banner follow the connection: a short network loss shows Offline, and the
// moment the network is back (the socket survived, or reconnected) it says Live again, without a
// reload, and the numbers keep updating.
test.describe("live connection status", () => {
  test("a short network loss shows Offline, and Live returns by itself when the network is back", async ({ page, context, request }) => {
    const code = uniqueCode("BLIP");
    await putCatalog(request, [{ code, name: "E2E network blip probe" }]);
    await postEvent(request, { type: "receipt", sku: code, quantity: 10 });

    await page.goto(`/?q=${code}`);
    await waitForLive(page);
    const badge = page.getByTestId("connection");
    const banner = page.getByRole("alert").filter({ hasText: "No live connection" });
    const available = page.locator(`[data-testid=stock-row][data-sku="${code}"] [data-col=availableReal]`);
    await expect(available).toHaveText("10");
    await page.evaluate(() => ((window as unknown as { __e2eMarker: string }).__e2eMarker = "still-here"));

    for (const [round, quantity] of [
      [1, 15],
      [2, 20],
    ] as const) {
      await context.setOffline(true);
      await expect(badge, `round ${round}`).toHaveAttribute("data-state", "offline");
      await expect(banner).toBeVisible();
      await page.waitForTimeout(1500);
      await context.setOffline(false);
      await expect(badge, `round ${round}: back online`).toHaveAttribute("data-state", "live", { timeout: 8000 });
      await expect(badge).toHaveText("Live");
      await expect(banner).toHaveCount(0);

      // And the numbers still move, in place.
      await postEvent(request, { type: "receipt", sku: code, quantity: 5 });
      await expect(available).toHaveText(String(quantity));
    }
    expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe("still-here");
  });
});
