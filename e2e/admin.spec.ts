import { expect, test } from "@playwright/test";
import { CHANNELS, LOCATION, NON_SELLABLE, availableReal, postEvent, postEventStatus, putCatalog, putSource, uniqueCode, uniqueSource } from "./support/onepool-api";

// The connector admin screens against the real server: sources, unmapped listings, rejections.
// Every write goes through the UI as the signed-in admin (e2e/auth.setup.ts).

test.describe("admin: connectors", () => {
  test("a source registered by API shows its webhook URL, mapping and secret; one registered in the form gets a secret shown once", async ({ page, request }) => {
    await putCatalog(request, []);
    const shop = uniqueSource("shop");
    await putSource(request, shop, { provider: "shopify", channel: CHANNELS[0], secrets: ["shpss_e2e_0123456789abcdef9876"], locations: { default: LOCATION } });

    await page.goto("/admin/sources");
    const card = page.locator(`[data-testid=source-card][data-source="${shop}"]`);
    await expect(card).toBeVisible();
    const origin = new URL(page.url()).origin;
    await expect(card.getByTestId("webhook-url")).toHaveText(`${origin}/api/webhooks/shopify/${shop}`);
    await expect(card.getByTestId("source-locations")).toContainText(`default → ${LOCATION}`);
    await expect(card.getByTestId("secret-row")).toHaveCount(1);
    await expect(card.getByTestId("secret-row").first()).toContainText("…9876");
    await expect(card.getByTestId("secret-row").first()).toHaveAttribute("data-status", "active");
    // A source registered seconds ago is waiting for its first event: neutral, not amber "Quiet".
    await expect(card.locator("[data-health]").first()).toHaveText("Waiting for first event");
    await expect(card.locator("[data-health]").first()).toHaveAttribute("data-health", "waiting");
    await expect(card.getByTestId("health-last-event")).toHaveText("none yet");

    // Rotate secret moves focus into the form (the overlap choice), and Cancel gives it back to Rotate.
    const rotate = card.getByRole("button", { name: `Rotate secret of ${shop}` });
    await rotate.click();
    await expect(card.getByTestId("rotate-form").getByRole("radio", { name: "24 h" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(rotate).toBeFocused();

    // Register a generic source through the form.
    const wms = uniqueSource("wms");
    await page.getByRole("button", { name: "Register source" }).click();
    const form = page.getByTestId("source-form");
    await expect(form).toBeVisible();
    await form.getByLabel("Source code").fill(wms);
    await form.getByLabel("Provider", { exact: true }).selectOption("standard");
    await expect(form.getByTestId("provider-help")).toContainText("no location mapping needed");
    await form.getByLabel(/^Channel/).selectOption("");
    await form.getByRole("button", { name: "Register source" }).click();
    await expect(form.getByTestId("source-registered")).toBeVisible();
    // The provider is named readably: no "(Generic (Standard Webhooks))", no "Generic (Standard Webhooks)'s".
    await expect(form.getByTestId("source-registered")).toContainText(`${wms} (Standard Webhooks) is registered`);
    const once = form.getByTestId("secret-once");
    await expect(once).toContainText("shown only once");
    await expect(once).toContainText("Copy it now into the sender's webhook settings.");
    await expect(once.getByTestId("secret-value")).toHaveText(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await once.getByRole("button", { name: /stored it/ }).click();
    await expect(form).toBeHidden();

    const wmsCard = page.locator(`[data-testid=source-card][data-source="${wms}"]`);
    await expect(wmsCard).toBeVisible();
    await expect(wmsCard.getByTestId("webhook-url")).toHaveText(`${origin}/api/webhooks/standard/${wms}`);
    await expect(wmsCard.getByTestId("secret-row")).toHaveCount(1);
    // The API agrees: the source exists with one active secret.
    const saved = await (await request.get(`/api/sources/${wms}`)).json();
    expect(saved).toMatchObject({ code: wms, provider: "standard", secrets: [{ active: true }] });

    // A forged delivery is a signature failure: the live stock page's source strip shows the
    // source in red, first among the failing ones, linking back to its card.
    const forged = await request.post(`/api/webhooks/standard/${wms}`, {
      headers: {
        "content-type": "application/json",
        "webhook-id": `msg_forged_${Date.now()}`,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,Zm9yZ2VkIHNpZ25hdHVyZQ==",
      },
      data: [],
    });
    expect(forged.status()).toBe(401);
    await page.goto("/");
    const chip = page.locator(`[data-testid=source-chip][data-source="${wms}"]`);
    await expect(chip).toBeVisible();
    await expect(chip).toHaveAttribute("data-health", "failing");
    await expect(chip).toContainText("1 sig fail");
    await chip.click();
    await expect(page).toHaveURL(new RegExp(`/admin/sources#source-${wms}$`));
    await expect(wmsCard.locator("[data-health]").first()).toHaveText("Signature failures");
    // The chip's card is highlighted and on screen.
    await expect(wmsCard).toHaveAttribute("data-highlighted", "true");
    await expect(wmsCard).toBeInViewport();
  });

  test("a parked listing mapped from the unmapped screen replays its event into the SKU's numbers", async ({ page, request }) => {
    const sku = uniqueCode("MAP");
    await putCatalog(request, [{ code: sku, name: "E2E mapping target" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 10 });
    const externalId = `ext-${Date.now().toString(36)}`;
    const parked = await postEventStatus(request, { type: "order.placed", listing: { channel: CHANNELS[0], externalId }, quantity: 3, orderId: `${externalId}-o1` });
    expect(parked.status).toBe("unmapped");
    expect(await availableReal(request, sku)).toBe(10);

    await page.goto("/admin/unmapped");
    await expect(page.getByRole("link", { name: /^Unmapped/ })).toHaveAttribute("aria-current", "page");
    const row = page.locator(`[data-testid=unmapped-row][data-external-id="${externalId}"]`);
    await expect(row).toBeVisible();
    await expect(row.locator("[data-col=events]")).toHaveText("1");
    await expect(row).toContainText("order.placed");

    await row.getByRole("button", { name: /^Map to SKU/ }).click();
    const picker = page.getByRole("combobox", { name: new RegExp(externalId) });
    await expect(picker).toBeFocused();
    await picker.fill(sku);
    await page.locator(`[data-testid=sku-options] [data-sku="${sku}"]`).click();
    await page.getByRole("button", { name: "Map and replay 1 event" }).click();

    const result = page.getByTestId("map-result").filter({ hasText: externalId });
    await expect(result).toContainText(`→ ${sku}`);
    await expect(result).toContainText("replayed 1 event (1 applied, 0 already there)");
    await expect(row).toHaveCount(0);
    // The order committed 3 of the 10 received units.
    await expect.poll(() => availableReal(request, sku)).toBe(7);
    const left = await (await request.get(`/api/unmapped?channel=${CHANNELS[0]}`)).json();
    expect(left.listings.some((l: { externalId: string }) => l.externalId === externalId)).toBe(false);
  });

  test("a rejection re-submitted before and after fixing its cause: rejected again, then accepted; an ended session is said in words", async ({ page, request }) => {
    const sku = uniqueCode("REJ");
    await putCatalog(request, []);
    const rejected = await postEventStatus(request, { type: "receipt", sku, quantity: 9 });
    expect(rejected).toMatchObject({ status: "rejected", error: { code: "unknown_sku" } });

    await page.goto("/admin/rejections?source=e2e-wms&code=unknown_sku");
    await expect(page.getByRole("button", { name: /e2e-wms/ })).toHaveAttribute("aria-pressed", "true");
    const first = page.getByTestId("rejection-row").filter({ hasText: sku }).first();
    await expect(first).toBeVisible();
    const id = await first.getAttribute("data-id");
    const row = page.locator(`[data-testid=rejection-row][data-id="${id}"]`);
    await expect(row).toContainText("unknown_sku");
    await expect(row).toContainText(`unknown sku "${sku}"`);

    // Raw body on demand, monospace and complete.
    await row.getByRole("button", { name: "Raw" }).click();
    await expect(page.getByTestId("raw-preview")).toContainText(`"sku": "${sku}"`);

    // A session that ended meanwhile (signed out in another tab): the refusal says so and links to sign in.
    await page.route(
      `**/api/rejections/${id}/resubmit`,
      (route) => route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: "unauthenticated", message: "sign in" } }) }),
      { times: 1 },
    );
    await row.getByRole("button", { name: "Re-submit" }).click();
    const err = page.getByTestId("admin-error");
    await expect(err).toContainText("Your session ended");
    await expect(err.getByRole("link", { name: /sign in/i })).toHaveAttribute("href", /^\/sign-in\?next=/);
    await row.getByRole("button", { name: "Re-submit" }).click();

    // Still unknown: rejected again, with the reason.
    const outcome = page.getByTestId("resubmit-outcome");
    await expect(outcome).toHaveAttribute("data-outcome", "rejected");
    await expect(outcome).toContainText("Rejected again");
    await expect(outcome).toContainText("unknown_sku");
    await expect(row.getByTestId("resubmitted")).toContainText("rejected");
    // The header agrees with the row: it is open, but no longer "not yet re-submitted".
    const open = page.getByTestId("rejections-open");
    await expect(open).toContainText("rejected again");
    await expect(open).not.toContainText("(not yet re-submitted)");

    // Fix the cause, re-submit the same rejection: accepted, and the SKU has the units.
    await putCatalog(request, [{ code: sku, name: "E2E rejected then fixed" }]);
    await row.getByRole("button", { name: "Re-submit" }).click();
    await expect(outcome).toHaveAttribute("data-outcome", "accepted");
    await expect(outcome).toContainText("Accepted");
    await expect(row.getByTestId("resubmitted")).toContainText("accepted");
    expect(await availableReal(request, sku)).toBe(9);

    // A second re-submission cannot count twice.
    await row.getByRole("button", { name: "Re-submit" }).click();
    await expect(outcome).toHaveAttribute("data-outcome", "duplicate");
    expect(await availableReal(request, sku)).toBe(9);
  });

  test("the source form picks the channel and locations from the catalogue, marks the field an API refusal names, and removes a MercadoLibre notification key", async ({ page, request }) => {
    await putCatalog(request, []);
    const meli = uniqueSource("meli");
    await putSource(request, meli, {
      provider: "mercadolibre",
      channel: CHANNELS[1],
      locations: { default: LOCATION },
      applicationId: "123456",
      userId: "654321",
      notificationKey: "e2e-notification-key-0123456789",
    });
    expect((await (await request.get(`/api/sources/${meli}`)).json()).hasNotificationKey).toBe(true);

    await page.goto("/admin/sources");
    const card = page.locator(`[data-testid=source-card][data-source="${meli}"]`);
    await expect(card).toContainText("notification key set");
    await card.getByRole("button", { name: `Edit source ${meli}` }).click();
    const form = page.getByTestId("source-form");

    // Pickers from GET /api/catalog: codes with names and kinds; non-sellable locations say so.
    const channel = form.getByLabel("Channel", { exact: true });
    await expect(channel).toHaveValue(CHANNELS[1]);
    await expect(channel.locator(`option[value="${CHANNELS[0]}"]`)).toHaveText(`${CHANNELS[0]} — E2E web · website`);
    const location = form.getByLabel("Onepool location 1");
    await expect(location).toHaveValue(LOCATION);
    await expect(location.locator(`option[value="${NON_SELLABLE}"]`)).toHaveText(`${NON_SELLABLE} — E2E returns (not sellable)`);
    await channel.selectOption(CHANNELS[0]);

    // A refusal naming a field (error.details.field) is shown at that field, not as a general error.
    await page.route(
      `**/api/sources/${meli}`,
      (route) =>
        route.request().method() === "PUT"
          ? route.fulfill({
              status: 422,
              contentType: "application/json",
              body: JSON.stringify({ error: { code: "unknown_location", message: `unknown location(s): ${LOCATION}`, details: { field: "locations" } } }),
            })
          : route.fallback(),
      { times: 1 },
    );
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(form.locator("[data-field=locations]")).toBeFocused();
    await expect(form.getByText(`Unknown location(s): ${LOCATION}.`)).toBeVisible();
    await expect(form.getByTestId("admin-error")).toHaveCount(0);

    // Remove the notification key (notificationKey: null), for real this time.
    await form.getByRole("button", { name: "Remove key" }).click();
    await expect(form.getByTestId("notification-key-cleared")).toContainText("removed when you save");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(form).toBeHidden();
    const after = await (await request.get(`/api/sources/${meli}`)).json();
    expect(after).toMatchObject({ hasNotificationKey: false, channel: CHANNELS[0], locations: { default: LOCATION }, applicationId: "123456" });
    await expect(card).toContainText("notification key not set");
  });
});
