import { expect, test } from "@playwright/test";
import { CHANNELS, LOCATION, postEventStatus, putCatalog, putSource, uniqueCode, uniqueSource } from "./support/onepool-api";
import { expectNamesStartWithVisibleText as namesStartWithVisibleText, expectNoSidewaysScroll as noSidewaysScroll, expectReachable as reachable, WIDTHS } from "./support/viewport";

// The admin and manager pages at phone, tablet and desktop widths (docs/UI.md "Narrow screens"):
// no sideways scroll of the page, every row action inside the viewport and working, emails on one
// line, and every action's accessible name starting with the text it shows (WCAG 2.5.3).

let source: string;
let externalId: string;
let rejectedSku: string;

test.beforeAll(async ({ request }) => {
  const sku = uniqueCode("RSP");
  await putCatalog(request, [{ code: sku, name: "E2E responsive" }]);
  source = uniqueSource("rsp");
  await putSource(request, source, { provider: "standard", secrets: ["whsec_e2e_responsive_0123456789abcdef"] });
  externalId = `rsp-${Date.now().toString(36)}`;
  expect((await postEventStatus(request, { type: "order.placed", listing: { channel: CHANNELS[0], externalId }, quantity: 1, orderId: `${externalId}-o1` })).status).toBe("unmapped");
  rejectedSku = uniqueCode("RSPX");
  expect((await postEventStatus(request, { type: "receipt", sku: rejectedSku, quantity: 1, location: LOCATION })).status).toBe("rejected");
});

for (const size of WIDTHS) {
  test.describe(`admin pages at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("Sources: Edit, Copy, Rotate secret and Revoke stay on screen and work", async ({ page }) => {
      await page.goto(`/admin/sources#source-${source}`);
      const card = page.locator(`[data-testid=source-card][data-source="${source}"]`);
      await expect(card).toBeVisible();
      await noSidewaysScroll(page, "sources");
      await reachable(page, card.getByRole("button", { name: `Edit source ${source}` }), "Edit");
      await reachable(page, card.getByRole("button", { name: /^Copy the webhook URL/ }), "Copy");
      await reachable(page, card.getByRole("button", { name: /^Revoke secret/ }), "Revoke");
      const rotate = card.getByRole("button", { name: `Rotate secret of ${source}` });
      await reachable(page, rotate, "Rotate secret");
      await namesStartWithVisibleText(page, "sources");
      await rotate.click();
      await expect(card.getByTestId("rotate-form")).toBeVisible();
      await reachable(page, card.getByTestId("rotate-form").getByRole("button", { name: "Rotate", exact: true }), "the form's Rotate");
      await noSidewaysScroll(page, "sources, rotating");
      await card.getByTestId("rotate-form").getByRole("button", { name: "Cancel" }).click();
      await expect(rotate).toBeFocused();
    });

    test("Unmapped: Map to SKU stays on screen and opens the picker", async ({ page }) => {
      await page.goto("/admin/unmapped");
      const row = page.locator(`[data-testid=unmapped-row][data-external-id="${externalId}"]`);
      await expect(row).toBeVisible();
      await noSidewaysScroll(page, "unmapped");
      const map = row.getByRole("button", { name: `Map to SKU: ${CHANNELS[0]} listing ${externalId}` });
      await reachable(page, map, "Map to SKU");
      await namesStartWithVisibleText(page, "unmapped");
      await map.click();
      await expect(page.getByRole("combobox", { name: new RegExp(externalId) })).toBeFocused();
      await noSidewaysScroll(page, "unmapped, mapping");
    });

    test("Rejections: Raw and Re-submit stay on screen and work", async ({ page }) => {
      await page.goto(`/admin/rejections?code=unknown_sku`);
      const row = page.getByTestId("rejection-row").filter({ hasText: rejectedSku }).first();
      await expect(row).toBeVisible();
      await noSidewaysScroll(page, "rejections");
      const raw = row.getByRole("button", { name: /^Raw body of rejection/ });
      await reachable(page, raw, "Raw");
      await reachable(page, row.getByRole("button", { name: /^Re-submit rejection/ }), "Re-submit");
      await namesStartWithVisibleText(page, "rejections");
      await raw.click();
      await expect(page.getByTestId("raw-preview")).toContainText(rejectedSku);
      await noSidewaysScroll(page, "rejections, raw open");
    });

    test("Tokens: Rotate and Revoke stay on screen and work", async ({ page }) => {
      await page.goto("/admin/tokens");
      const row = page.locator("[data-testid=token-row][data-status=active]").first();
      await expect(row).toBeVisible();
      await noSidewaysScroll(page, "tokens");
      // A token's name keeps room for a word: on a phone the card squeezed "demo" to one letter a line.
      const nameWidths = await page.locator("[data-testid=token-row] > td:first-child").evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
      for (const w of nameWidths) expect(w, "a token name squeezed").toBeGreaterThanOrEqual(100);
      await reachable(page, row.getByRole("button", { name: /^Rotate token/ }), "Rotate");
      const revoke = row.getByRole("button", { name: /^Revoke token/ });
      await reachable(page, revoke, "Revoke");
      await namesStartWithVisibleText(page, "tokens");
      await revoke.click();
      const confirm = page.getByTestId("revoke-token-confirm");
      await reachable(page, confirm.getByRole("button", { name: "Cancel" }), "Revoke's Cancel");
      await confirm.getByRole("button", { name: "Cancel" }).click();
      await expect(revoke).toBeFocused();
    });

    test("People: emails on one line; Reset password and Deactivate stay on screen, with names distinct from their confirmations", async ({ page }) => {
      await page.goto("/admin/users");
      const rows = page.getByTestId("person-row");
      await expect(rows.first()).toBeVisible();
      await noSidewaysScroll(page, "people");
      // An email is one token: its text is a single line box, never "admi / n@de / mo.o …".
      const lines = await page.locator("[data-col=email]").evaluateAll((cells) =>
        cells.map((c) => {
          const r = document.createRange();
          r.selectNodeContents(c);
          return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
        }),
      );
      for (const n of lines) expect(n, "an email wraps").toBe(1);
      const row = page.locator("[data-testid=person-row][data-active=true]:not([data-you])").first();
      const name = (await row.getAttribute("data-email"))!;
      await reachable(page, row.getByRole("button", { name: /^Reset password of/ }), `Reset password (${name})`);
      const deactivate = row.getByRole("button", { name: /^Deactivate/ });
      await reachable(page, deactivate, `Deactivate (${name})`);
      await namesStartWithVisibleText(page, "people");
      await deactivate.click();
      const confirm = page.getByTestId("deactivate-confirm");
      const yes = confirm.getByRole("button", { name: /^Yes, deactivate/ });
      await expect(yes).toBeFocused();
      await reachable(page, yes, "the confirmation");
      expect(await yes.textContent()).not.toBe(await deactivate.getAttribute("aria-label"));
      await confirm.getByRole("button", { name: "Cancel" }).click();
      await expect(deactivate).toBeFocused();
    });

    test("Audit log: readable without a sideways scroll; who and target filters on screen", async ({ page }) => {
      await page.goto(`/audit?target=${source}`);
      const entry = page.getByTestId("audit-entry").first();
      await expect(entry).toBeVisible();
      await noSidewaysScroll(page, "audit");
      await reachable(page, entry.getByTestId("audit-actor"), "who");
      await reachable(page, entry.getByTestId("audit-target"), "target");
      await namesStartWithVisibleText(page, "audit");
    });
  });
}
