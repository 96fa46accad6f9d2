import { expect, test, type Browser, type Page } from "@playwright/test";
import { ROLE_LABELS, ROLES, type Role } from "../lib/auth/roles";
import { availableReal, CHANNELS, LOCATION, postEvent, postEventStatus, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";
import { PEOPLE, stateFor } from "./support/people";
import { E2E_TOKEN } from "../playwright.config";

// People in a real browser: each role signs in through the form and sees exactly what it may;
// a merchandiser's change reaches the audit log a manager reads; a deactivated person's open
// page stops working.

const NAV: Record<string, (r: Role) => boolean> = {
  "Live stock": () => true,
  Counts: () => true,
  Reconciliation: () => true,
  Alerts: () => true,
  Scorecard: (r) => r === "manager" || r === "admin",
  Reorder: (r) => r !== "analyst",
  Sources: () => true,
  Unmapped: () => true,
  Rejections: () => true,
  "Audit log": (r) => r === "manager" || r === "admin",
  People: (r) => r === "admin",
  Tokens: (r) => r === "admin",
};

async function signInThroughForm(page: Page, email: string, password: string) {
  const form = page.getByTestId("sign-in-form");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByTestId("sign-in-submit").click();
}

async function freshPage(browser: Browser, role?: Role) {
  const context = await browser.newContext(role ? { storageState: stateFor(role) } : { storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

/** An admin's page, and the analyst it has just added through the API (`<who>-…@onepool.test`). */
async function adminAddsAnalyst(browser: Browser, baseURL: string, who: string, name: string) {
  const email = `${who}-${Date.now().toString(36)}@onepool.test`;
  const password = `${who} password 123`;
  const admin = await freshPage(browser, "admin");
  const created = await admin.page.request.post("/api/users", { data: { email, name, role: "analyst", password }, headers: { origin: baseURL } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  return { admin, email, password, id };
}

test.describe("people and roles in the browser", () => {
  for (const role of ROLES) {
    test(`${role}: signs in through the form and sees exactly the ${role}'s navigation and pages`, async ({ browser }) => {
      const { context, page } = await freshPage(browser);
      await page.goto("/admin/sources");
      await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fsources$/);
      await signInThroughForm(page, PEOPLE[role].email, PEOPLE[role].password);
      await expect(page).toHaveURL(/\/admin\/sources$/);
      await expect(page.getByTestId("user-menu-role")).toHaveText(ROLE_LABELS[role]);

      const nav = page.getByRole("navigation", { name: "Main" });
      for (const [name, shown] of Object.entries(NAV)) {
        await expect(nav.getByRole("link", { name: new RegExp(`^${name}`) }), `${role}: ${name}`).toHaveCount(shown(role) ? 1 : 0);
      }
      // The server is the guard: typing the URL of a page the role lacks gives the 403 page.
      for (const [path, shown] of [
        ["/admin/users", role === "admin"],
        ["/admin/tokens", role === "admin"],
        ["/audit", role === "manager" || role === "admin"],
        ["/scorecard", role === "manager" || role === "admin"],
        ["/oversells", role === "manager" || role === "admin"],
        ["/reorder", role !== "analyst"],
        ["/alerts", true],
        ["/alerts/settings", true],
        ["/alerts/destinations", role === "admin"],
      ] as const) {
        await page.goto(path);
        if (shown) await expect(page.getByTestId("no-access")).toHaveCount(0);
        else {
          await expect(page.getByTestId("no-access"), `${role} ${path}`).toContainText("No access");
          // No "you can look" sub-header above a 403.
          await expect(page.getByTestId("admin-shell"), `${role} ${path}`).toHaveCount(0);
        }
      }
      // Controls a role cannot use are not offered (the API refuses them anyway: roles-api.spec.ts).
      await page.goto("/alerts");
      await expect(page.getByTestId("alerts-tabs").getByRole("link", { name: /^Destinations/ }), `${role}: Destinations tab`).toHaveCount(role === "admin" ? 1 : 0);
      await page.goto("/admin/sources");
      await expect(page.getByRole("button", { name: "Register source" })).toHaveCount(role === "admin" ? 1 : 0);
      await context.close();
    });
  }

  test("rejections and sources: an analyst sees that a raw body and a secret exist, never their contents; an admin sees both", async ({ browser, request }) => {
    // A rejected delivery carrying a customer's email, and a source with a known secret. The
    // catalogue's locations first: on a fresh database the event must be refused for its unknown
    // SKU (the row shows it), not for a location no other spec has created yet.
    await putCatalog(request, []);
    const sku = uniqueCode("PII");
    const email = `${sku.toLowerCase()}@customer.example`;
    const rejected = await postEventStatus(request, { type: "receipt", sku, quantity: 1, payload: { customer: { email } } });
    expect(rejected.status).toBe("rejected");
    const code = uniqueCode("hint").toLowerCase();
    const secret = `whsec_${Buffer.from(`${code}-secret-value-0123456789`).toString("base64")}`;
    const registered = await request.put(`/api/sources/${code}`, { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { provider: "standard", secrets: [secret] } });
    expect(registered.status(), await registered.text()).toBe(201);
    const hint = (await registered.json()).secrets[0].hint as string;

    for (const role of ["analyst", "admin"] as const) {
      const { context, page } = await freshPage(browser, role);
      await page.goto("/admin/rejections?source=e2e-wms");
      const row = page.getByTestId("rejection-row").filter({ hasText: sku }).first();
      await expect(row).toBeVisible();
      await row.getByRole("button", { name: /^Raw body of rejection/ }).click();
      if (role === "admin") {
        await expect(page.getByTestId("raw-preview")).toContainText(email);
      } else {
        await expect(page.getByTestId("raw-hidden")).toContainText("hidden");
        await expect(page.getByText(email)).toHaveCount(0);
      }
      await page.goto("/admin/sources");
      const card = page.locator(`[data-testid=source-card][data-source="${code}"]`);
      await expect(card.getByTestId("secret-row")).toHaveCount(1);
      if (role === "admin") await expect(card.getByTestId("secret-row")).toContainText(hint);
      else {
        await expect(card.getByTestId("secret-row")).toContainText("••••");
        await expect(card.getByTestId("secret-row")).not.toContainText(hint);
      }
      await context.close();
    }
  });

  test("the account page and the role picker promise only what each role can do (the scorecard from manager up)", async ({ browser }) => {
    const manager = await freshPage(browser, "manager");
    await manager.page.goto("/account");
    const can = manager.page.getByTestId("account-permissions");
    await expect(can).toContainText("What a manager can do");
    await expect(can).toContainText("Read the audit log");
    await expect(can).toContainText("Read the weekly scorecard and the oversell root causes");
    await manager.context.close();

    const analyst = await freshPage(browser, "analyst");
    await analyst.page.goto("/account");
    await expect(analyst.page.getByTestId("account-permissions")).toContainText("What an ops analyst can do");
    await expect(analyst.page.getByTestId("account-permissions")).not.toContainText(/scorecard/i);
    await analyst.context.close();

    const admin = await freshPage(browser, "admin");
    await admin.page.goto("/account");
    await expect(admin.page.getByTestId("account-permissions")).toContainText("Read the weekly scorecard");
    await admin.page.goto("/admin/users");
    await admin.page.getByTestId("add-person").click();
    const picker = admin.page.locator("fieldset[data-field=role]");
    await expect(picker).toContainText("Also reads the weekly scorecard and reads the audit log.");
    await admin.context.close();
  });

  test("a wrong password is refused in words and the form keeps the email", async ({ browser }) => {
    const { context, page } = await freshPage(browser);
    await page.goto("/sign-in");
    await signInThroughForm(page, PEOPLE.analyst.email, "not the password at all");
    await expect(page.getByTestId("sign-in-form")).toContainText(/email or password/i);
    await expect(page.getByTestId("sign-in-form").getByLabel("Email")).toHaveValue(PEOPLE.analyst.email);
    await expect(page).toHaveURL(/\/sign-in/);
    await context.close();
  });

  test("a merchandiser maps a listing; the manager sees who did it in the audit log", async ({ browser, request }) => {
    const sku = uniqueCode("AUD");
    await putCatalog(request, [{ code: sku, name: "E2E audit target" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 5 });
    const externalId = `aud-${Date.now().toString(36)}`;
    expect((await postEventStatus(request, { type: "order.placed", listing: { channel: CHANNELS[0], externalId }, quantity: 1, orderId: `${externalId}-o1` })).status).toBe("unmapped");

    const merch = await freshPage(browser, "merchandiser");
    await merch.page.goto("/admin/unmapped");
    const row = merch.page.locator(`[data-testid=unmapped-row][data-external-id="${externalId}"]`);
    await row.getByRole("button", { name: /^Map to SKU/ }).click();
    await merch.page.getByRole("combobox", { name: new RegExp(externalId) }).fill(sku);
    await merch.page.locator(`[data-testid=sku-options] [data-sku="${sku}"]`).click();
    await merch.page.getByRole("button", { name: "Map and replay 1 event" }).click();
    await expect(merch.page.getByTestId("map-result").filter({ hasText: externalId })).toContainText(`→ ${sku}`);
    await merch.context.close();

    const manager = await freshPage(browser, "manager");
    await manager.page.goto("/audit?action=listing.mapped");
    const entry = manager.page.locator(`[data-testid=audit-entry][data-action="listing.mapped"]`).filter({ hasText: externalId });
    await expect(entry).toBeVisible();
    await expect(entry.getByTestId("audit-actor")).toContainText(PEOPLE.merchandiser.email);
    await expect(entry.getByTestId("audit-diff")).toContainText(sku);
    await manager.context.close();
  });

  test("an admin deactivates a person; their open page stops working at once and they cannot come back", async ({ browser, baseURL }) => {
    const { admin, email, password } = await adminAddsAnalyst(browser, baseURL!, "leaver", "Lee Leaver");

    const leaver = await freshPage(browser);
    await leaver.page.goto("/sign-in");
    await signInThroughForm(leaver.page, email, password);
    await expect(leaver.page).toHaveURL(/\/$/);
    await waitForLive(leaver.page);

    await admin.page.goto("/admin/users");
    const row = admin.page.locator(`[data-testid=person-row][data-email="${email}"]`);
    await expect(row.getByTestId("person-sessions")).toHaveAttribute("data-sessions", "1");
    await row.getByRole("button", { name: "Deactivate Lee Leaver" }).click();
    await admin.page.getByTestId("deactivate-confirm").getByRole("button", { name: "Yes, deactivate Lee Leaver" }).click();
    await expect(row.getByTestId("person-status")).toHaveAttribute("data-status", "deactivated");

    // Their live connection is dropped and the page says the session ended; the API refuses them.
    await expect(leaver.page.getByTestId("session-ended")).toBeVisible();
    expect((await leaver.page.request.get("/api/skus")).status()).toBe(401);
    await leaver.page.reload();
    await expect(leaver.page).toHaveURL(/\/sign-in/);
    await signInThroughForm(leaver.page, email, password);
    await expect(leaver.page.getByTestId("sign-in-form")).toContainText(/deactivated/i);

    // And the audit log says who did it, and that their session ended.
    const log = (await (await admin.page.request.get("/api/audit?action=person.deactivated")).json()) as { entries: { actor: string; details: { email?: string; sessionsEnded?: number } }[] };
    expect(log.entries.find((e) => e.details.email === email)).toMatchObject({ actor: PEOPLE.admin.email, details: { sessionsEnded: 1 } });
    await admin.context.close();
    await leaver.context.close();
  });

  test("an analyst enters a cycle count: a bad quantity is refused in words, a good one sets on hand through the ledger", async ({ browser, request }) => {
    const sku = uniqueCode("CNT");
    await putCatalog(request, [{ code: sku, name: "E2E counted" }]);
    await postEvent(request, { type: "receipt", sku, quantity: 10 });

    const analyst = await freshPage(browser, "analyst");
    await analyst.page.goto(`/skus/${sku}`);
    const row = analyst.page.locator(`tr[data-location="${LOCATION}"]`);
    await row.getByTestId("count-button").click();
    const dialog = analyst.page.getByTestId("cycle-count-dialog");
    await expect(dialog.getByTestId("count-on-hand")).toHaveText("10");
    await dialog.getByTestId("count-quantity").fill("-1");
    await dialog.getByTestId("count-submit").click();
    await expect(dialog.getByTestId("count-quantity-msg")).toContainText(/negative|0 or more|at least 0/i);
    await dialog.getByTestId("count-quantity").fill("7");
    await dialog.getByTestId("count-note").fill("bin recount");
    await dialog.getByTestId("count-submit").click();
    await expect(analyst.page.getByTestId("count-toast")).toContainText("Count recorded: on hand set to 7");
    await expect.poll(() => availableReal(request, sku)).toBe(7);
    const events = (await (await request.get(`/api/skus/${sku}/events`)).json()) as { events: { type: string; source: string; payload?: { countedBy?: string } }[] };
    expect(events.events.find((e) => e.type === "cycle_count")).toMatchObject({ source: "onepool-counts" });
    await analyst.context.close();
  });

  test("a role change reaches an open page at once: it reloads with the new role's controls", async ({ browser, baseURL }) => {
    const { admin, email, password, id } = await adminAddsAnalyst(browser, baseURL!, "promoted", "Pat Promoted");

    const person = await freshPage(browser);
    await person.page.goto("/sign-in?next=%2Fadmin%2Funmapped");
    await signInThroughForm(person.page, email, password);
    await expect(person.page.getByTestId("admin-shell")).toContainText("read-only");
    await waitForLive(person.page);

    const changed = await admin.page.request.patch(`/api/users/${id}`, { data: { role: "merchandiser" }, headers: { origin: baseURL! } });
    expect(changed.status()).toBe(200);
    await expect(person.page.getByTestId("user-menu-role")).toHaveText(ROLE_LABELS.merchandiser);
    await expect(person.page.getByTestId("admin-shell")).not.toContainText("read-only");
    await admin.context.close();
    await person.context.close();
  });
});
