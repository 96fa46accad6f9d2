import { expect, test, type Page } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { LOCATION, markNoReload, postEvent, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";
import { PEOPLE, stateFor } from "./support/people";

// Alerts in real browsers (issue 17): a count far from the system opens a variance alert, which
// reaches the header badge of an analyst on another page and a merchandiser's Alerts page without
// a reload; the analyst acknowledges it, the merchandiser mutes it (and the analyst's badge drops).

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

// From 1280 px the Alerts link of the bar carries the count (no number when none is open); below, the bell beside the lag.
const navBadge = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByTestId("nav-badge-alerts");
const badgeCount = async (page: Page) => ((await navBadge(page).count()) ? parseInt(((await navBadge(page).textContent()) ?? "").replace(/,/g, ""), 10) : 0);

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
  await analyst.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Alerts/ }).click();
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
  await page.goto("/alerts");
  await page.getByTestId("alerts-tabs").getByRole("link", { name: /^Settings/ }).click();
  await expect(page).toHaveURL(/\/alerts\/settings$/);
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
