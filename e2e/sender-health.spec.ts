import { expect, test } from "@playwright/test";
import { CHANNELS, postEvent, postEventStatus, putCatalog, uniqueCode } from "./support/onepool-api";

// Senders of canonical events (POST /api/events) appear in the live page's source health too, and
// each chip opens that sender on the Sources page.

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

  // The chip is a link to the sender's card on /admin/sources, highlighted, with a way to its rejections.
  await chip.click();
  await expect(page).toHaveURL(new RegExp(`/admin/sources#sender-${source}$`));
  const card = page.locator(`[data-testid="sender-card"][data-source="${source}"]`);
  await expect(card).toHaveAttribute("data-highlighted", "true");
  await expect(card).toBeInViewport();
  await expect(card.getByTestId("sender-rate")).toHaveText("2.0");
  await expect(card.getByTestId("sender-rejections-link")).toHaveAttribute("href", `/admin/rejections?source=${source}`);
});

test("a sender whose events are parked for an unmapped listing is alive, not 'no events · 100 % err'", async ({ request }) => {
  // What the usability test saw with "manual": events parked (later mapped and replayed) and one
  // rejected; only accepted and rejected events counted, so the chip read "no events 1 h · 100 % err".
  const source = `e2e-park-${Date.now().toString(36)}`;
  for (let i = 0; i < 3; i++) {
    const externalId = `park-${Date.now().toString(36)}-${i}`;
    expect((await postEventStatus(request, { type: "order.placed", source, listing: { channel: CHANNELS[0], externalId }, quantity: 1, orderId: `${externalId}-o` })).status).toBe("unmapped");
  }
  expect((await postEventStatus(request, { type: "receipt", source, sku: uniqueCode("NOPE"), quantity: 1 })).status).toBe("rejected");
  const api = await (await request.get("/api/sources")).json();
  const s = api.senders.find((x: { source: string }) => x.source === source);
  expect(s).toMatchObject({ lastEventAt: expect.any(String), eventsLastHour: 4, rejectedLastHour: 1, parkedLastHour: 3 });
  expect(s.errorRate).toBeCloseTo(0.25);
});

test("'+N more' unfolds the folded chips in place, and every chip links to its card", async ({ page, request }) => {
  const code = uniqueCode("FOLD");
  await putCatalog(request, [{ code, name: "Fold check" }]);
  // More senders than the strip shows at first (4), so some fold.
  const stamp = Date.now().toString(36);
  for (let i = 0; i < 6; i++) await postEvent(request, { type: "receipt", sku: code, quantity: 1, source: `e2e-fold-${stamp}-${i}` });
  await page.goto("/");
  const more = page.getByTestId("source-chip-more");
  await expect(more).toHaveText(/^\+\d+ more/);
  const folded = Number((await more.textContent())!.match(/\+(\d+)/)![1]);
  const before = await page.locator("[data-testid=source-chip], [data-testid=sender-chip]").count();
  await more.click();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("[data-testid=source-chip], [data-testid=sender-chip]")).toHaveCount(before + folded);
  for (let i = 0; i < 6; i++) await expect(page.locator(`[data-testid=sender-chip][data-source="e2e-fold-${stamp}-${i}"]`)).toHaveAttribute("href", `/admin/sources#sender-e2e-fold-${stamp}-${i}`);
  await expect(more).toHaveText("Show fewer");
});
