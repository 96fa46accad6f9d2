import { expect, test } from "@playwright/test";
import { postEvent, putCatalog, uniqueCode } from "./support/onepool-api";

// Senders of canonical events (POST /api/events) appear in the live page's source health too.

test("a canonical sender shows up in the source health strip with its rate and last event", async ({ page, request }) => {
  const code = uniqueCode("SND");
  await putCatalog(request, [{ code, name: "Sender check" }]);
  await postEvent(request, { type: "receipt", sku: code, quantity: 3 });
  const api = await (await request.get("/api/sources")).json();
  expect(api.senders.find((s: { source: string }) => s.source === "e2e-wms")).toMatchObject({ lastEventAt: expect.any(String) });
  expect(api.senders.find((s: { source: string }) => s.source === "e2e-wms").eventsLastHour).toBeGreaterThan(0);

  await page.goto("/");
  const chip = page.locator('[data-testid="sender-chip"][data-source="e2e-wms"]');
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute("data-health", "ok");
  await expect(chip).toContainText("/min");
});
