import { expect, test } from "@playwright/test";
import { postEvent, putCatalog, uniqueCode } from "./support/onepool-api";

// Senders of canonical events (POST /api/events) appear in the live page's source health too.

test("a canonical sender shows up in the source health strip with its rate and last event", async ({ page, request }) => {
  const code = uniqueCode("SND");
  await putCatalog(request, [{ code, name: "Sender check" }]);
  // A sender of its own: other specs post rejected events as e2e-wms on purpose.
  const source = `e2e-snd-${Date.now().toString(36)}`;
  // Busy enough to be among the strip's first sender chips (problems first, then the busiest).
  for (let i = 0; i < 30; i++) await postEvent(request, { type: "receipt", sku: code, quantity: 1, source });
  const api = await (await request.get("/api/sources")).json();
  expect(api.senders.find((s: { source: string }) => s.source === source)).toMatchObject({ lastEventAt: expect.any(String), eventsLastHour: 30, eventsPerMinute: 2, errorRate: 0 });

  await page.goto("/");
  const chip = page.locator(`[data-testid="sender-chip"][data-source="${source}"]`);
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute("data-health", "ok");
  await expect(chip).toContainText("/min");
});
