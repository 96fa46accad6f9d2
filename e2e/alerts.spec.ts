import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { LOCATION, markNoReload, postEvent, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";
import { PEOPLE, stateFor } from "./support/people";

// Alerts in real browsers (issue 17): a count far from the system opens a variance alert, which
// reaches the header badge of an analyst on another page and a merchandiser's Alerts page without
// a reload; the analyst acknowledges it, the merchandiser mutes it (and the analyst's badge drops).
// Destinations: an admin adds one on the Destinations tab pointing at a receiver this spec starts
// on 127.0.0.1, which gets the signed message; a merchandiser has no such tab and is refused.
// ALERTS_SCREENSHOTS=1 also writes docs/screenshots/alert-destinations-*.png.

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

// From 1280 px the Alerts link of the bar carries the count (no number when none is open); below, the bell beside the lag.
const navBadge = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByTestId("nav-badge-alerts");
const badgeCount = async (page: Page) => ((await navBadge(page).count()) ? parseInt(((await navBadge(page).textContent()) ?? "").replace(/,/g, ""), 10) : 0);
// The tabs of /alerts are links, each to an address of its own (/alerts/settings, /alerts/destinations).
async function openAlertsTab(page: Page, tab: "Settings" | "Destinations") {
  await page.goto("/alerts");
  await page
    .getByTestId("alerts-tabs")
    .getByRole("link", { name: new RegExp(`^${tab}`) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${tab.toLowerCase()}$`));
}
// A destination card's status as a fresh load of the page shows it, reloaded until it is `status`.
const expectStatusOnReload = (page: Page, card: Locator, status: string) =>
  expect
    .poll(
      async () => {
        await page.reload();
        return card.getAttribute("data-status");
      },
      { timeout: 20_000 },
    )
    .toBe(status);

test.afterAll(async ({ request }) => {
  // Back to the default (a field equal to its default is no longer stored), for the other specs.
  await request.put("/api/alert-settings", { headers: auth, data: { variance: { minUnits: 5 } } });
});

test("an alert opens live in the badge and the list; an analyst acknowledges it, a merchandiser mutes it", async ({ browser, request }) => {
  // Short thresholds through the settings API: a variance of 3 units is enough.
  const settings = await request.put("/api/alert-settings", { headers: auth, data: { variance: { minUnits: 3, minPercent: 10, forSeconds: 0 } } });
  expect(settings.status(), await settings.text()).toBe(200);
  const sku = uniqueCode("ALERT");
  await putCatalog(request, [{ code: sku, name: "E2E alerting SKU" }]);
  await postEvent(request, { type: "receipt", sku, quantity: 10, occurredAt: new Date(Date.now() - 60_000).toISOString() });

  const analyst = await (await browser.newContext({ storageState: stateFor("analyst"), viewport: { width: 1440, height: 900 } })).newPage();
  const merch = await (await browser.newContext({ storageState: stateFor("merchandiser"), viewport: { width: 390, height: 844 } })).newPage();
  await analyst.goto("/");
  await merch.goto(`/alerts?q=${sku}`);
  await waitForLive(analyst);
  await waitForLive(merch);
  // Loaded: the bell (hidden at this width, mounted at every one) has its count.
  await expect(analyst.getByTestId("alerts-badge")).toHaveAttribute("data-count", /\d+/);
  await expect(merch.getByTestId("alerts-badge")).toBeVisible();
  await expect(merch.getByTestId("alerts-empty")).toBeVisible();
  const before = await badgeCount(analyst);
  const analystSame = await markNoReload(analyst);
  const merchSame = await markNoReload(merch);

  // Counted 6 of 10: variance +4 ≥ max(3 units, 10 %).
  await postEvent(request, { type: "cycle_count", sku, location: LOCATION, quantity: 6 });

  await expect.poll(() => badgeCount(analyst), { timeout: 15_000 }).toBeGreaterThan(before);
  // At 390 px the merchandiser's bell beside the lag turns rose with a number.
  await expect(merch.getByTestId("alerts-badge")).toHaveAttribute("data-count", /^[1-9]/);
  const merchRow = merch.getByTestId("alert-row").filter({ hasText: sku });
  await expect(merchRow).toHaveAttribute("data-kind", "variance", { timeout: 15_000 });
  await expect(merchRow.getByTestId("alert-value")).toHaveText("Counted 6 of 10 (variance +4)");
  await analystSame();
  await merchSame();

  // The analyst follows the badge, finds it, and acknowledges it; no Mute for an analyst.
  await analyst
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Alerts/ })
    .click();
  await expect(analyst).toHaveURL(/\/alerts$/);
  await analyst.getByTestId("alerts-search").fill(sku);
  const row = analyst.getByTestId("alert-row").filter({ hasText: sku });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: sku })).toHaveAttribute("href", `/skus/${sku}`);
  await expect(row.getByTestId("alert-mute")).toHaveCount(0);
  await row.getByTestId("alert-ack").click();
  await expect(row.getByTestId("alert-acked-by")).toContainText(PEOPLE.analyst.email);
  await expect(row.getByTestId("alert-ack")).toHaveCount(0);
  // The merchandiser's list hears it.
  await expect(merchRow.getByTestId("alert-acked-by")).toContainText(PEOPLE.analyst.email);

  // The SKU page shows it near the top.
  const skuPage = await analyst.context().newPage();
  await skuPage.goto(`/skus/${sku}`);
  await expect(skuPage.getByTestId("sku-alert")).toHaveAttribute("data-kind", "variance");

  // So does its row on the stock list, linking to the alerts of that SKU.
  const stock = await analyst.context().newPage();
  await stock.goto(`/?q=${sku}`);
  const rowAlerts = stock.locator(`[data-testid="stock-row"][data-sku="${sku}"]`).getByTestId("row-alerts");
  await expect(rowAlerts).toContainText("1");
  await expect(rowAlerts).toHaveAttribute("title", "1 open alert: Count variance");
  await expect(rowAlerts).toHaveAttribute("href", `/alerts?q=${sku}`);

  // The merchandiser mutes it for 1 h: muted in both lists, and out of the analyst's badge.
  const countOpen = await badgeCount(analyst);
  await merchRow.getByTestId("alert-mute").click();
  const dialog = merch.getByTestId("mute-dialog");
  await dialog.getByRole("button", { name: "1 h" }).click();
  await dialog.getByTestId("mute-submit").click();
  await expect(dialog).toBeHidden();
  await expect(merchRow).toHaveAttribute("data-muted", "true");
  await expect(row).toHaveAttribute("data-muted", "true");
  await expect.poll(() => badgeCount(analyst)).toBeLessThan(countOpen);
  // A muted alert leaves the row too, live.
  await expect(rowAlerts).toHaveCount(0);

  // Unmute puts it back.
  await merchRow.getByTestId("alert-unmute").click();
  await expect(row).not.toHaveAttribute("data-muted", "true");
  await expect(merchRow.getByTestId("alert-mute")).toBeVisible();
});

test("alert settings: an admin sees the defaults, and a refused value is shown at its field; an analyst only looks", async ({ page, browser }) => {
  await openAlertsTab(page, "Settings");
  const field = page.getByTestId("setting-returns_spike-minUnits");
  await expect(field).toHaveValue("5");
  await expect(page.getByTestId("settings-returns_spike")).toContainText("default 5");
  await field.fill("0");
  await page.getByTestId("alert-settings-save").click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#setting-returns_spike-minUnits-msg")).toContainText(/1/);
  await expect(page.getByTestId("alert-settings-error")).toContainText("Nothing was saved");
  // Back as it was: nothing left to save.
  await field.fill("5");
  await expect(page.getByTestId("alert-settings-save")).toBeDisabled();

  const analyst = await (await browser.newContext({ storageState: stateFor("analyst") })).newPage();
  await analyst.goto("/alerts/settings");
  await expect(analyst.getByTestId("setting-returns_spike-minUnits")).toBeDisabled();
  await expect(analyst.getByTestId("alert-settings-save")).toHaveCount(0);
  await expect(analyst.getByTestId("alert-settings-note")).toContainText("Admins change these");
});

/** A destination's endpoint on 127.0.0.1: keeps every request; `/gone` answers 404 as a revoked Slack webhook does. */
async function startReceiver() {
  const received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (req.url === "/gone") res.writeHead(404).end("no_service");
      else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { base, received, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

/** Standard Webhooks, computed here: base64 HMAC-SHA256 under the whsec_ key of "<id>.<timestamp>.<body>". */
function signedWith(secret: string, r: { headers: http.IncomingHttpHeaders; body: string }): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key).update(`${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`).digest("base64");
  return String(r.headers["webhook-signature"]).split(" ").includes(`v1,${mac}`);
}

const shots = !!process.env.ALERTS_SCREENSHOTS;
const WIDTHS = [
  ["phone", 390, 844],
  ["tablet", 820, 1180],
  ["desktop", 1440, 900],
] as const;

test("destinations: an admin adds one on its tab, it gets the signed message, shows delivering; edit, delete; a merchandiser cannot", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    // A clean slate (a re-run on the same database): no destination.
    const existing = (await (await request.get("/api/alert-destinations", { headers: auth })).json()) as { destinations: { name: string }[] };
    for (const d of existing.destinations) await request.delete(`/api/alert-destinations/${d.name}`, { headers: auth });

    await page.setViewportSize({ width: 390, height: 844 });
    await openAlertsTab(page, "Destinations");
    await expect(page.getByTestId("destinations-empty")).toBeVisible();
    if (shots) await page.screenshot({ path: "docs/screenshots/alert-destinations-empty.png", fullPage: true });

    // The list failing to load: the error and a Retry that works.
    await page.route("**/api/alert-destinations", (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "database_unavailable", message: "the database did not answer in time" } }) }),
    );
    await page.reload();
    // (Retried twice first: a 503 may pass.)
    await expect(page.getByRole("alert").filter({ hasText: "Couldn't load the alert destinations" })).toBeVisible({ timeout: 20_000 });
    if (shots) await page.screenshot({ path: "docs/screenshots/alert-destinations-error.png", fullPage: true });
    await page.unroute("**/api/alert-destinations");
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByTestId("destinations-empty")).toBeVisible();

    // Add: the form refuses a bad name with the route's own rule, then saves.
    const name = `e2e-oncall-${Date.now().toString(36)}`;
    await page.getByTestId("destination-add-first").click();
    const dialog = page.getByTestId("destination-dialog");
    await dialog.getByTestId("destination-name").fill("On Call");
    await dialog.getByTestId("destination-url").fill(`${receiver.base}/onepool`);
    await dialog.getByTestId("destination-kind-variance").check();
    await dialog.getByTestId("destination-save").click();
    await expect(dialog.getByTestId("destination-name")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog).toContainText("a destination name is 1–64 of a-z");
    await dialog.getByTestId("destination-name").fill(name);
    await dialog.getByTestId("destination-save").click();
    await expect(dialog).toBeHidden();

    // The generated secret, once.
    const once = page.getByTestId("destination-secret-once");
    const secret = (await once.getByTestId("secret-value").textContent())!;
    if (shots) await page.screenshot({ path: "docs/screenshots/alert-destinations-secret-once.png", fullPage: true });
    expect(secret).toMatch(/^whsec_/);
    const card = page.locator(`[data-testid="destination"][data-name="${name}"]`);
    await expect(card).toHaveAttribute("data-status", "never");
    await expect(card).toContainText("Count variance");
    await expect(card.getByTestId("destination-url-shown")).toHaveText(`${receiver.base}/onepool`);
    await once.getByRole("button", { name: /hide/ }).click();
    await expect(once).toBeHidden();

    // A second one, Slack, whose webhook was revoked (404): it will show failing.
    const slack = await request.put(`/api/alert-destinations/${name}-slack`, { headers: auth, data: { url: `${receiver.base}/gone`, format: "slack", kinds: ["variance"] } });
    expect(slack.status(), await slack.text()).toBe(200);

    // A variance alert opens: the receiver gets one message, signed with the secret shown.
    const settings = await request.put("/api/alert-settings", { headers: auth, data: { variance: { minUnits: 3, minPercent: 10, forSeconds: 0 } } });
    expect(settings.status()).toBe(200);
    const sku = uniqueCode("DEST");
    await putCatalog(request, [{ code: sku, name: "E2E destination SKU" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 10, occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await postEvent(request, { type: "cycle_count", sku, location: LOCATION, quantity: 6 });
    await expect.poll(() => receiver.received.filter((r) => r.path === "/onepool" && r.body.includes(sku)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const msg = receiver.received.find((r) => r.path === "/onepool" && r.body.includes(sku))!;
    expect(signedWith(secret, msg)).toBe(true);
    expect(JSON.parse(msg.body)).toMatchObject({ type: "alerts.grouped", destination: name, kind: "variance" });

    await expectStatusOnReload(page, card, "delivered");
    const slackCard = page.locator(`[data-testid="destination"][data-name="${name}-slack"]`);
    await expectStatusOnReload(page, slackCard, "failing");
    await expect(slackCard.getByTestId("destination-failing")).toContainText("404");
    await expect(slackCard.getByTestId("destination-url-shown")).toHaveText(`${receiver.base}/***`);
    // The secret is never on the page again.
    expect(await page.content()).not.toContain(secret);
    if (shots) {
      for (const [w, width, height] of WIDTHS) {
        await page.setViewportSize({ width, height });
        await page.reload();
        await expect(card).toBeVisible();
        await page.screenshot({ path: `docs/screenshots/alert-destinations-${w}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await slackCard.getByTestId("destination-edit").click();
      await expect(page.getByTestId("destination-dialog")).toBeVisible();
      await page.screenshot({ path: "docs/screenshots/alert-destinations-edit-phone.png" });
      await page.keyboard.press("Escape");
    }

    // Edit: the Slack URL is masked, so it must be typed again; switched off.
    await slackCard.getByTestId("destination-edit").click();
    const edit = page.getByTestId("destination-dialog");
    await expect(edit.getByTestId("destination-url")).toHaveValue("");
    await edit.getByTestId("destination-enabled").uncheck();
    await edit.getByTestId("destination-save").click();
    await expect(edit.getByTestId("destination-url")).toHaveAttribute("aria-invalid", "true");
    await edit.getByTestId("destination-url").fill(`${receiver.base}/gone`);
    await edit.getByTestId("destination-save").click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId("destinations-notice")).toContainText("It is off");
    // Saving cleared its failure (tried again at once): off, or failing again if the retry already ran.
    await expect(slackCard).toHaveAttribute("data-status", /off|failing/);

    // Delete, after a confirmation.
    await slackCard.getByTestId("destination-delete").click();
    await slackCard.getByTestId("destination-delete-confirm").getByRole("button", { name: "Delete" }).click();
    await expect(slackCard).toHaveCount(0);
    await expect(card).toBeVisible();

    // A merchandiser: no Destinations tab, the page and the API refuse.
    const merch = await (await browser.newContext({ storageState: stateFor("merchandiser") })).newPage();
    await merch.goto("/alerts");
    await expect(merch.getByTestId("alerts-tabs").getByRole("link", { name: /^Settings/ })).toBeVisible();
    await expect(merch.getByTestId("alerts-tabs").getByRole("link", { name: /^Destinations/ })).toHaveCount(0);
    await merch.goto("/alerts/destinations");
    await expect(merch.getByTestId("no-access")).toBeVisible();
    await expect(merch.getByTestId("destinations")).toHaveCount(0);
    const refused = await merch.request.put(`/api/alert-destinations/${name}`, { data: { url: `${receiver.base}/evil`, kinds: [] }, headers: { origin: new URL(merch.url()).origin } });
    expect(refused.status()).toBe(403);
  } finally {
    const left = (await (await request.get("/api/alert-destinations", { headers: auth })).json()) as { destinations: { name: string }[] };
    for (const d of left.destinations) await request.delete(`/api/alert-destinations/${d.name}`, { headers: auth });
    await receiver.close();
  }
});
