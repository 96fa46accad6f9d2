import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { lastCompleteWeek, shiftWeek, weekRange } from "../lib/time/iso-week";
import { LOCATION, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";

// Issue 16 against the real API (no fixtures): a ledger posted over HTTP into the last complete
// week, the scorecard computed by the server, its CSV from the real route, the print view's PDF,
// and the oversell line found from the tile. The fixture specs (scorecard.spec.ts) cover the
// screen's details; this one proves the pieces meet.

test.use({ storageState: stateFor("manager") });
test.slow();

const auth = { authorization: `Bearer ${E2E_TOKEN}` };
const TZ = "UTC"; // the e2e server's ONEPOOL_TIMEZONE

test("a manager reads a real week: units by channel, another week, CSV, one A4 page, and the oversold line from the tile", async ({ page, request }) => {
  const sku = uniqueCode("SC");
  const channel = `e2e-sc-${Date.now().toString(36)}`;
  const cat = await request.put("/api/catalog", {
    headers: auth,
    data: {
      skus: [{ code: sku, name: "E2E scorecard" }],
      locations: [{ code: LOCATION, name: "E2E warehouse", type: "warehouse", sellable: true }],
      channels: [{ code: channel, name: "E2E scorecard channel", kind: "marketplace" }],
    },
  });
  expect(cat.status(), await cat.text()).toBe(200);
  const week = lastCompleteWeek(Date.now(), TZ);
  const at = (h: number) => new Date(weekRange(week, TZ).from.getTime() + h * 3_600_000).toISOString();
  const order = `o-${sku}`;
  const events = [
    { type: "receipt", quantity: 1, occurredAt: at(1) },
    { type: "order.placed", quantity: 2, orderId: order, channel, occurredAt: at(30) },
    { type: "order.placed", quantity: 1, orderId: `${order}-b`, channel, occurredAt: at(31) },
    { type: "order.cancelled", quantity: 1, orderId: `${order}-b`, channel, reason: "oversold", occurredAt: at(40) },
  ].map((e, i) => ({ id: `${sku}-${i}`, source: "e2e-wms", sku, location: LOCATION, ...e }));
  const posted = await request.post("/api/events", { headers: auth, data: events });
  expect(posted.status(), await posted.text()).toBe(202);

  await page.goto("/scorecard");
  const body = page.getByTestId("scorecard-body");
  await expect(body).toHaveAttribute("data-week", week, { timeout: 30_000 });
  // 3 placed − 1 cancelled on this channel, computed by the server from the ledger.
  await expect(page.locator(`[data-testid=channel-row][data-channel="${channel}"]`)).toContainText("2", { timeout: 15_000 });

  // Another week: the URL and the row change.
  await page.getByTestId("week-prev").click();
  await expect(page).toHaveURL(new RegExp(`[?&]week=${shiftWeek(week, -1, TZ)}`));
  await expect(body).toHaveAttribute("data-week", shiftWeek(week, -1, TZ));
  await page.getByTestId("week-next").click();
  await expect(body).toHaveAttribute("data-week", week);

  // The export link is the real route's CSV (RFC 4180) with this channel's row.
  const href = await page.getByTestId("scorecard-export").getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toMatch(/^week,key,channel,reason,sku,bucket,value/);
  expect(text).toContain(`${week},units_sold,${channel},,,,2`);

  // Print: one A4 page.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect((pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length).toBe(1);
  await page.emulateMedia({ media: "screen" });

  // The oversells tile opens the week's oversold lines; ours is there with a cause.
  await page.getByTestId("kpi-oversells").click();
  await expect(page).toHaveURL(new RegExp(`/oversells\\?week=${week}`));
  const row = page.getByTestId("oversell-row").filter({ hasText: sku });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await expect(row).toContainText(channel);
});
