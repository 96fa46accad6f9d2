import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { postEvent, putCatalog, uniqueCode, uniqueSource } from "./support/onepool-api";
import { stateFor } from "./support/people";
import { expectAllReachable as expectInView, expectNoSidewaysScroll } from "./support/viewport";

// What a merchandiser reads and does around one channel's rules (usability report 2026-12, rows 5,
// 7, 10, 16, 18, 20, 21): one latency everywhere, explanations that name rules and lead to their
// row, an editor that does not drop typed edits, and a Rules page usable at phone and tablet widths.
// Each test uses a channel of its own, so its channel-wide rules move no other spec's numbers.

test.use({ storageState: stateFor("merchandiser") });

/** The catalogue and pushes are an admin's: set up with the bootstrap token. */
const admin = { authorization: `Bearer ${E2E_TOKEN}` };

interface Setup {
  channel: string;
  sku: string;
  tag: string;
  rules: { channel: string; tag: string; sku: string };
}

/** A channel (configured latency 20 min) with one tagged SKU listed on it, 50 units, and a default, a tag rule and an override. */
async function setUp(request: APIRequestContext, baseURL: string): Promise<Setup> {
  const channel = uniqueSource("rules");
  const tag = `e2e-tag-${Date.now().toString(36)}`;
  const sku = uniqueCode("MERCH");
  await putCatalog(request, [{ code: sku, name: "E2E merchandiser target", tags: [tag] }]);
  const catalog = await request.put("/api/catalog", {
    data: { channels: [{ code: channel, name: "E2E rules channel", kind: "website", latencyMinutes: 20 }], listings: [{ channel, externalId: `${sku}-listing`, sku }] },
    headers: admin,
  });
  expect(catalog.status(), await catalog.text()).toBe(200);
  await postEvent(request, { type: "receipt", sku, quantity: 50 });
  const create = async (data: Record<string, unknown>) => {
    // As the merchandiser (session cookie; Origin as a browser sends it).
    const r = await request.post("/api/rules", { data: { channel, ...data }, headers: { origin: baseURL } });
    expect(r.status(), await r.text()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  return {
    channel,
    sku,
    tag,
    rules: { channel: await create({ bufferUnits: 1, dynamicK: 1 }), tag: await create({ tag, bufferPercent: 10 }), sku: await create({ sku, maxQty: 100 }) },
  };
}

/** A channel's push endpoint that acknowledges everything (204). */
async function startAckingReceiver() {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test.describe("a merchandiser's channel rules", () => {
  test("one latency, in minutes with its source, on the Rules page, in the editor, in the explanation and on the pushes panel", async ({ page, request, baseURL }) => {
    const s = await setUp(request, baseURL!);
    const receiver = await startAckingReceiver();
    try {
      const put = await request.put(`/api/channels/${s.channel}/outbound`, { data: { url: receiver.url, secret: "e2e-outbound-secret-0123456789" }, headers: admin });
      expect(put.status(), await put.text()).toBe(200);
      // One acknowledged push is far from the 20 that measure a latency: the configured 20 min is used.
      const expected = "20 min (configured)";

      await page.goto(`/rules?channel=${s.channel}`);
      const header = page.getByTestId("channel-header");
      await expect(header.getByTestId("effective-latency")).toHaveText(expected);
      await expect(header.getByTestId("effective-latency")).toHaveAttribute("data-source", "configured");

      await page.locator(`[data-testid=rule-row][data-id="${s.rules.channel}"]`).getByTestId("rule-edit").click();
      const editor = page.getByTestId("rule-editor");
      await expect(editor.getByTestId("editor-latency").getByTestId("effective-latency")).toHaveText(expected);
      // The k field's unit says what k multiplies, rather than a lone "×" that reads as a clear button.
      await expect(editor.getByTestId("rule-field-unit")).toHaveText("× sales/day × latency");
      await page.keyboard.press("Escape");
      await expect(editor).toHaveCount(0);

      await page.goto(`/skus/${s.sku}`);
      const card = page.locator(`li[data-channel="${s.channel}"]`);
      await card.getByTestId("explain-trigger").click();
      const why = card.getByTestId("explain-popover");
      await expect(why.getByTestId("effective-latency")).toHaveText(expected);
      await expect(why).not.toContainText("days");

      await page.goto("/");
      const row = page.locator(`[data-testid=outbound-row][data-channel="${s.channel}"]`);
      await expect(row.getByTestId("effective-latency")).toHaveText(expected);
    } finally {
      await request.delete(`/api/channels/${s.channel}/outbound`, { headers: admin });
      await receiver.close();
    }
  });

  test("the explanation names each rule as the Rules page does and leads to its highlighted row", async ({ page, request, baseURL }) => {
    const s = await setUp(request, baseURL!);
    await page.goto(`/skus/${s.sku}`);
    const card = page.locator(`li[data-channel="${s.channel}"]`);
    const trigger = card.getByTestId("explain-trigger");
    // Its name starts with what it shows (WCAG 2.5.3), then says which channel.
    await expect(trigger).toHaveAccessibleName(new RegExp(`^\\S+ on ${s.channel}, show how it is reached$`));
    await trigger.click();
    const why = card.getByTestId("explain-popover");
    const links = why.getByTestId("explain-rule-link");
    await expect(links.filter({ hasText: "channel default" })).toHaveCount(2); // fixed units and dynamic k
    await expect(links.filter({ hasText: `tag ${s.tag}` })).toHaveCount(1);
    await expect(links.filter({ hasText: "SKU override" })).toHaveCount(1);
    await expect(why).not.toContainText(/rule #\d/);

    await links.filter({ hasText: `tag ${s.tag}` }).click();
    await expect(page).toHaveURL(new RegExp(`/rules\\?channel=${s.channel}&rule=${s.rules.tag}$`));
    await expect(page.locator(`[data-testid=channel-tab][data-channel="${s.channel}"]`)).toHaveAttribute("aria-selected", "true");
    const row = page.locator(`[data-testid=rule-row][data-id="${s.rules.tag}"]`);
    await expect(row).toHaveAttribute("data-linked", "true");
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    await expect(page.locator("[data-testid=rule-row][data-linked]")).toHaveCount(1);
  });

  test("Esc or ✕ with typed edits asks before discarding them; Esc on the question goes back to the form", async ({ page, request, baseURL }) => {
    const s = await setUp(request, baseURL!);
    await page.goto(`/rules?channel=${s.channel}`);
    const row = page.locator(`[data-testid=rule-row][data-id="${s.rules.channel}"]`);
    await expect(row.getByRole("button", { name: "Edit channel default" })).toBeVisible();
    await row.getByTestId("rule-edit").click();
    const editor = page.getByTestId("rule-editor");
    const units = editor.getByTestId("rule-field-bufferUnits");
    await units.fill("9");

    // Esc: asked in place; the confirm button has focus; Esc again is "keep editing", twice over.
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press("Escape");
      const ask = editor.getByTestId("rule-discard-confirm");
      await expect(ask).toBeVisible();
      await expect(ask.getByRole("button", { name: "Discard changes" })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(ask).toHaveCount(0);
      await expect(editor).toBeVisible();
      await expect(units).toHaveValue("9");
      await expect(units).toBeFocused();
    }

    // ✕ asks too; Keep editing keeps the value.
    await editor.getByTestId("rule-editor-close").click();
    await editor.getByTestId("rule-discard-confirm").getByRole("button", { name: "Keep editing" }).click();
    await expect(units).toHaveValue("9");
    // Cancel, then Discard changes: closed, nothing saved.
    await editor.getByTestId("rule-cancel").click();
    await editor.getByTestId("rule-discard-confirm").getByRole("button", { name: "Discard changes" }).click();
    await expect(editor).toHaveCount(0);
    await expect(row.locator("[data-field=bufferUnits]")).toContainText("1");

    // No edits: Esc closes at once.
    await row.getByTestId("rule-edit").click();
    await expect(units).toHaveValue("1");
    await page.keyboard.press("Escape");
    await expect(editor).toHaveCount(0);

    // A saved change reads by the form's labels in Changes; undo says so in a sentence.
    await row.getByTestId("rule-edit").click();
    await units.fill("5");
    await editor.getByTestId("rule-save").click();
    await expect(editor).toHaveCount(0);
    const latest = page.getByTestId("rule-history-entry").first();
    await expect(latest.getByTestId("rule-change-fields")).toHaveText("Buffer units 1 → 5");
    await page.getByTestId("rule-undo").click();
    await expect(page.getByTestId("rules-notice")).toContainText(`Undone: the channel default on ${s.channel} is back to what it was.`);
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 820, height: 1180 },
  ]) {
    test(`at ${viewport.width} px the tabs, the channel's pause and every rule's actions are on screen and work`, async ({ page, request, baseURL }) => {
      const s = await setUp(request, baseURL!);
      await page.setViewportSize(viewport);
      await page.goto(`/rules?channel=${s.channel}`);
      await expect(page.locator("[data-testid=rule-row]")).toHaveCount(3);
      await expectNoSidewaysScroll(page, "rules");
      await expectInView(page, "[data-testid=channel-tab]");
      await expectInView(page, "[data-testid=channel-header] [data-testid=pause-button]");
      await expect(page.getByRole("button", { name: `Pause channel ${s.channel} (every SKU)` })).toBeVisible();
      await expectInView(page, "[data-testid=rule-edit]");
      await expectInView(page, "[data-testid=rule-delete]");
      await expectInView(page, "[data-testid=rule-history]");
      // Each rule shows the fields it sets, by label, and who changed it.
      const tagRow = page.locator(`[data-testid=rule-row][data-id="${s.rules.tag}"]`);
      await expect(tagRow.locator("[data-field=bufferPercent]")).toHaveText("10 %");
      await expect(tagRow.locator("[data-field=bufferPercent]")).toHaveAttribute("data-label", "Buffer %");

      // The actions work: Delete asks under the row, Edit opens the editor, within the window.
      await tagRow.getByTestId("rule-delete").click();
      await expect(page.getByTestId("rule-delete-confirm")).toBeVisible();
      await expectInView(page, "[data-testid=rule-delete-confirm] button");
      await page.keyboard.press("Escape");
      await tagRow.getByTestId("rule-edit").click();
      const editor = page.getByTestId("rule-editor");
      await expect(editor).toBeVisible();
      await expectInView(page, "[data-testid=rule-editor] [data-testid=rule-save]");
      await editor.getByTestId("rule-field-bufferPercent").fill("20");
      await expect(editor.getByTestId("preview-changed")).toBeVisible();
      await expectNoSidewaysScroll(page, "rules");
      await expectInView(page, "[data-testid=rule-editor] [data-testid=rule-field-bufferPercent]");
    });
  }
});
