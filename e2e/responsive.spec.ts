import { expect, test } from "@playwright/test";
import type { Role } from "../lib/auth/roles";
import { CHANNELS, LOCATION, waitForLive } from "./support/onepool-api";
import { E2E_TOKEN } from "../playwright.config";
import { stateFor } from "./support/people";
import { expectNoSidewaysScroll, expectReachable, WIDTHS } from "./support/viewport";

// Every page and every action reachable at phone, tablet and desktop widths (ux report #2, #10).

/** The header's links per role, and where each leads. */
const LINKS: { label: string; path: RegExp; roles: Role[] }[] = [
  { label: "Live stock", path: /\/$/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Rules", path: /\/rules/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Counts", path: /\/counts$/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Reconciliation", path: /\/reconciliation/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Reorder", path: /\/reorder/, roles: ["merchandiser", "manager", "admin"] },
  { label: "Alerts", path: /\/alerts$/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Scorecard", path: /\/scorecard/, roles: ["manager", "admin"] },
  { label: "Sources", path: /\/admin\/sources/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Unmapped", path: /\/admin\/unmapped/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Rejections", path: /\/admin\/rejections/, roles: ["analyst", "merchandiser", "manager", "admin"] },
  { label: "Tokens", path: /\/admin\/tokens/, roles: ["admin"] },
  { label: "People", path: /\/admin\/users/, roles: ["admin"] },
  { label: "Audit log", path: /\/audit/, roles: ["manager", "admin"] },
];

for (const w of WIDTHS) {
  test.describe(`navigation at ${w.width} px`, () => {
    test.use({ viewport: { width: w.width, height: w.height } });
    for (const role of ["analyst", "admin"] as const) {
      test.describe(role, () => {
        test.use({ storageState: stateFor(role) });
        test(`${role} reaches every page of the role from the header`, async ({ page }) => {
          // Every page of the role in turn (up to 12), each waited on until its data is in.
          test.slow();
          await page.goto("/");
          const header = page.locator("header").first();
          // Measured once the page runs (the stock list picks cards or table after measuring it).
          await waitForLive(page);
          await expectNoSidewaysScroll(page, "/");
          // The header is one row: the lag readout does not wrap.
          const lag = await page.getByTestId("ingest-lag").boundingBox();
          expect(lag!.height, "the ingest lag wraps").toBeLessThan(24);
          expect((await header.boundingBox())!.height).toBeLessThan(60);

          const mine = LINKS.filter((l) => l.roles.includes(role));
          const others = LINKS.filter((l) => !l.roles.includes(role));
          const menuButton = page.getByTestId("nav-menu-button");
          const wide = w.width >= 1280;
          if (wide) await expect(menuButton).toBeHidden();
          for (const link of mine) {
            if (!wide) {
              await expectReachable(page, menuButton, "the Menu button");
              await expect(menuButton).toHaveAttribute("aria-expanded", "false");
              await menuButton.click();
              await expect(menuButton).toHaveAttribute("aria-expanded", "true");
            }
            const nav = page.getByRole("navigation", { name: "Main" });
            for (const other of others) await expect(nav.getByRole("link", { name: new RegExp(`^${other.label}`) })).toHaveCount(0);
            const a = nav.getByRole("link", { name: new RegExp(`^${link.label}`) });
            await expectReachable(page, a, `${role} ${w.width}px: ${link.label}`);
            await a.click();
            await expect(page).toHaveURL(link.path);
            // The page itself fits too, once its data is in.
            await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
            await expectNoSidewaysScroll(page, `${role} ${link.label}`);
            if (wide) {
              await expect(nav.getByRole("link", { name: new RegExp(`^${link.label}`) })).toHaveAttribute("aria-current", "page");
            } else {
              await expect(page.getByTestId("nav-menu")).toHaveCount(0); // it closes on navigation
              await menuButton.click();
              await expect(page.getByTestId("nav-menu").getByRole("link", { name: new RegExp(`^${link.label}`) })).toHaveAttribute("aria-current", "page");
              await page.keyboard.press("Escape");
            }
          }
        });
      });
    }
  });
}

test("at 1280 px, the narrowest width with the full header bar, an admin's header is one row that fits", async ({ browser, request }) => {
  // With both badges showing (a parked and a rejected event), the widest the bar gets.
  const auth = { authorization: `Bearer ${E2E_TOKEN}` };
  const id = `e2e-hdr-${Date.now().toString(36)}`;
  await request.post("/api/events", {
    headers: auth,
    data: { id: `${id}-bad`, source: "e2e-wms", type: "receipt", sku: "E2E-HDR", location: LOCATION, quantity: 0, occurredAt: new Date().toISOString() },
  });
  await request.post("/api/events", {
    headers: auth,
    data: {
      id: `${id}-parked`,
      source: "e2e-wms",
      type: "order.placed",
      listing: { channel: CHANNELS[0], externalId: `${id}-unmapped` },
      location: LOCATION,
      quantity: 1,
      orderId: id,
      occurredAt: new Date().toISOString(),
    },
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: stateFor("admin") });
  const page = await context.newPage();
  await page.goto("/");
  await waitForLive(page);
  await expect(page.getByTestId("nav-menu-button")).toBeHidden();
  await expectNoSidewaysScroll(page, "/ at 1280");
  expect((await page.getByTestId("ingest-lag").boundingBox())!.height, "the ingest lag wraps").toBeLessThan(24);
  expect((await page.locator("header").first().boundingBox())!.height).toBeLessThan(60);
  // Every link of the bar is inside the viewport (none pushed off the right edge).
  for (const a of await page.getByRole("navigation", { name: "Main" }).getByRole("link").all()) {
    const box = (await a.boundingBox())!;
    expect(box.x + box.width, `${await a.textContent()} is cut off`).toBeLessThanOrEqual(1280);
  }
  await context.close();
});

for (const w of WIDTHS) {
  test(`the account page fits at ${w.width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: w.width, height: w.height }, storageState: stateFor("manager") });
    const page = await context.newPage();
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, "/account");
    await expectReachable(page, page.getByRole("button", { name: /change password/i }), "Change password");
    await context.close();
  });
}

test.describe("menu keyboard", () => {
  test.use({ viewport: { width: 820, height: 1180 } });
  test("Escape closes the menu and gives focus back to its button", async ({ page }) => {
    await page.goto("/rules");
    const button = page.getByTestId("nav-menu-button");
    await button.click();
    const menu = page.getByTestId("nav-menu");
    await expect(menu.getByRole("link", { name: "Rules" })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
    await expect(button).toBeFocused();
  });
});
