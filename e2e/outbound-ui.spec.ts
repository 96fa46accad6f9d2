import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { postEvent, putCatalog, uniqueCode, uniqueSource } from "./support/onepool-api";
import { stateFor } from "./support/people";

// Channel pushes on the live stock page (issue 7): a channel that refuses a push shows failing with
// the reason; once it answers 2xx the retry clears it. A channel of its own, so no other spec's
// numbers or pushes move.

/**
 * A channel's webhook receiver on 127.0.0.1. Until fixed it refuses the first push (422) and holds
 * the retries that follow unanswered; fix() answers them 204, as a channel back in order would. The
 * hold keeps the test off the retry schedule's clock: the 1 s retry is the one that succeeds.
 */
async function startReceiver() {
  const got: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
  const held: { res: ServerResponse; headers: IncomingHttpHeaders; body: string }[] = [];
  let fixed = false;
  const answer = (res: ServerResponse, headers: IncomingHttpHeaders, body: string, status: number) => {
    got.push({ headers, body, answered: status });
    res.statusCode = status;
    res.end(status === 422 ? "unknown inventory item" : "");
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (fixed) answer(res, req.headers, body, 204);
      else if (got.length === 0) answer(res, req.headers, body, 422);
      else held.push({ res, headers: req.headers, body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    got,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/onepool/push`,
    fix() {
      fixed = true;
      // A held retry the sender gave up on (its timeout) is simply tried again later.
      for (const h of held.splice(0)) if (!h.res.destroyed) answer(h.res, h.headers, h.body, 204);
    },
    close() {
      // The dispatcher keeps connections alive: end them, or close() waits for them.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A SKU with a receipt of `quantity`, listed on a channel of its own ("E2E <what> target" on
 * "E2E <what> channel"). The channel goes in as the admin (session cookie; Origin as a browser sends it).
 */
async function putListedSku(request: APIRequestContext, baseURL: string, what: string, quantity: number) {
  const channel = uniqueSource("push");
  const sku = uniqueCode("PUSH");
  await putCatalog(request, [{ code: sku, name: `E2E ${what} target` }]);
  const catalog = await request.put("/api/catalog", {
    data: { channels: [{ code: channel, name: `E2E ${what} channel`, kind: "website" }], listings: [{ channel, externalId: `${sku}-listing`, sku }] },
    headers: { origin: baseURL },
  });
  expect(catalog.status(), await catalog.text()).toBe(200);
  await postEvent(request, { type: "receipt", sku, quantity });
  return { channel, sku };
}

test.describe("channel pushes panel", () => {
  test("a refusing channel shows failing with the reason, then healthy once it answers 2xx; an analyst sees it without the admin hint", async ({ page, browser, request, baseURL }) => {
    const { channel, sku } = await putListedSku(request, baseURL!, "push", 7);

    const receiver = await startReceiver();
    try {
      const put = await request.put(`/api/channels/${channel}/outbound`, {
        data: { url: receiver.url, secret: "e2e-outbound-secret-0123456789", latencyMinutes: 2 },
        headers: { origin: baseURL! },
      });
      expect(put.status(), await put.text()).toBe(200);
      expect(await put.json()).toMatchObject({ channel, provider: "standard", url: receiver.url, queued: 1 });
      // The refusal is recorded before the page loads, so its first fetch already shows it.
      await expect
        .poll(async () => ((await (await request.get("/api/outbound")).json()) as { channels: { channel: string; failing: unknown }[] }).channels.find((c) => c.channel === channel)?.failing ?? null)
        .not.toBeNull();

      await page.goto("/");
      const panel = page.getByTestId("channel-pushes");
      const row = panel.locator(`[data-testid=outbound-row][data-channel="${channel}"]`);
      await expect(row).toHaveAttribute("data-state", "failing");
      await expect(row.getByTestId("outbound-reason")).toContainText("HTTP 422");
      await expect(row.getByTestId("outbound-reason")).toHaveAttribute("title", "HTTP 422: unknown inventory item");
      await expect(row.getByTestId("outbound-since")).toContainText("since");
      await expect(row).toHaveAttribute("data-pending", "1");
      await expect(row.getByTestId("outbound-last-ack")).toHaveText("never");
      // The latency its dynamic buffer uses, as the Rules page and the explanations say it.
      await expect(row.getByTestId("effective-latency")).toHaveAttribute("data-source", "configured");
      await expect(row.getByTestId("effective-latency")).toHaveText("2 min (configured)");
      await expect(panel.getByTestId("outbound-counts")).toContainText("failing");
      await expect(panel.getByTestId("outbound-admin-hint")).toBeVisible();

      // The channel is fixed: the retry sent about 1 s after the refusal is acknowledged, and the
      // panel polls every 5 s, so it turns healthy within about 5 s (10 s allowed).
      receiver.fix();
      await expect(row).toHaveAttribute("data-state", "ok", { timeout: 10_000 });
      await expect(row).toHaveAttribute("data-pending", "0");
      await expect(row.getByTestId("outbound-pending")).toHaveText("0");
      await expect(row.getByTestId("outbound-reason")).toHaveCount(0);
      await expect(row.getByTestId("outbound-last-ack")).toHaveText(/just now|ago/);
      // Registering only re-told the number, so its ack measures no lag; a real change does.
      await expect(row.getByTestId("outbound-e2e-lag")).toHaveText("no changes");
      await postEvent(request, { type: "receipt", sku, quantity: 1 });
      await expect(row.getByTestId("outbound-e2e-lag")).not.toHaveText("no changes", { timeout: 10_000 });

      // What the channel received: one refusal, then the same signed Standard Webhooks message acknowledged (then the change).
      expect(receiver.got.map((g) => g.answered).slice(0, 2)).toEqual([422, 204]);
      const acked = receiver.got[1];
      expect(acked.headers["webhook-id"]).toBe(receiver.got[0].headers["webhook-id"]);
      expect(acked.headers["webhook-id"]).toBeTruthy();
      expect(acked.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(JSON.parse(acked.body)).toMatchObject({ type: "published_quantity.updated", channel, sku, quantity: 7 });

      // An analyst reads the panel, without the admin's how-to.
      const analyst = await (await browser.newContext({ storageState: stateFor("analyst") })).newPage();
      await analyst.goto("/");
      const seen = analyst.locator(`[data-testid=outbound-row][data-channel="${channel}"]`);
      await expect(seen).toHaveAttribute("data-state", "ok");
      await expect(analyst.getByTestId("channel-pushes")).toHaveAttribute("data-state", "ready");
      await expect(analyst.getByTestId("outbound-admin-hint")).toHaveCount(0);
      await analyst.context().close();
    } finally {
      // Stop pushing to a receiver that is going away.
      await request.delete(`/api/channels/${channel}/outbound`, { headers: { origin: baseURL! } });
      await receiver.close();
    }
  });

  test("Retry now sends a refused channel's waiting push at once instead of at its next backoff", async ({ page, request, baseURL }) => {
    const { channel } = await putListedSku(request, baseURL!, "retry", 4);
    // Refuses until fixed: after two refusals (at once, then ~1 s) the next attempt is ~5 s away, then ~30 s.
    let fixed = false;
    const answers: number[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        answers.push(fixed ? 204 : 422);
        res.statusCode = answers.at(-1)!;
        res.end(fixed ? "" : "listing locked");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
      const put = await request.put(`/api/channels/${channel}/outbound`, { data: { url, secret: "e2e-outbound-secret-0123456789" }, headers: { origin: baseURL! } });
      expect(put.status(), await put.text()).toBe(200);
      await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      fixed = true;
      // On a phone: the row is a card, and Retry now lies inside the window (no sideways scroll to reach it).
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/");
      const row = page.locator(`[data-testid=outbound-row][data-channel="${channel}"]`);
      await expect(row).toHaveAttribute("data-state", "failing");
      const retry = row.getByTestId("outbound-retry-now");
      await retry.scrollIntoViewIfNeeded();
      const box = (await retry.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await retry.click();
      // The backoff now stands at ~30 s; the panel polls every 5 s.
      await expect(row).toHaveAttribute("data-state", "ok", { timeout: 8_000 });
      expect(answers.at(-1)).toBe(204);
    } finally {
      await request.delete(`/api/channels/${channel}/outbound`, { headers: { origin: baseURL! } });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
