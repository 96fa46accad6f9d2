import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { availableReal, postEventWithToken, putCatalog, uniqueCode } from "./support/onepool-api";

// The connector tokens screen against the real server, as the signed-in admin: a token issued
// in the UI is shown once and works, rotation keeps both working for the overlap, revocation bites at once.

/** A receipt of `quantity` for `sku`, sent with `token`: the ingest answer's status and first result. */
async function receive(request: APIRequestContext, token: string, sku: string, quantity: number, source = "e2e-wms") {
  const r = await postEventWithToken(request, token, { type: "receipt", sku, quantity, source });
  return { status: r.status, result: r.body.results?.[0] ?? r.body.error?.details?.results?.[0], code: r.body.error?.code };
}

test.describe("admin: connector tokens", () => {
  test("issue a token in the UI (shown once), use it, rotate it with an overlap (both work), revoke the old one (401 token_revoked)", async ({ page, request }) => {
    const sku = uniqueCode("TOK");
    await putCatalog(request, [{ code: sku, name: "E2E token target" }]);

    // The signed-in admin sees the list; the bootstrap token is in it, and revoking would ask first (cancelled here).
    await page.goto("/admin/tokens");
    await expect(page.getByRole("link", { name: "Tokens" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("tokens")).toBeVisible();
    const own = page.locator(`[data-testid=token-row][data-prefix="${E2E_TOKEN.slice(0, 10)}"]`);
    await expect(own).toBeVisible();
    await own.getByRole("button", { name: /^Revoke token/ }).click();
    const ownConfirm = page.getByTestId("revoke-token-confirm");
    await ownConfirm.getByRole("button", { name: "Cancel" }).click();
    await expect(ownConfirm).toHaveCount(0);
    await expect(own.getByRole("button", { name: /^Revoke token/ })).toBeFocused();

    // Issue: name, scopes, one allowed source (a chip), 30 days.
    const name = `e2e-tok-${Date.now().toString(36)}`;
    await page.getByRole("button", { name: "Issue token" }).click();
    const form = page.getByTestId("issue-token-form");
    await expect(form).toBeVisible();
    await form.getByLabel("Name", { exact: true }).fill(name);
    await expect(form.getByRole("checkbox", { name: /^ingest/ })).toBeChecked();
    await form.getByRole("checkbox", { name: /^read/ }).check();
    await form.getByLabel("Allowed sources").fill("e2e-wms");
    await form.getByLabel("Allowed sources").press("Enter");
    await expect(form.getByTestId("chip")).toHaveText(["e2e-wms✕"]);
    // Limited to receipts too (docs/SECURITY.md: sources, event types, locations).
    await form.getByLabel("Allowed event types").fill("receipt");
    await form.getByLabel("Allowed event types").press("Enter");
    await expect(form.getByTestId("chip")).toHaveText(["e2e-wms✕", "receipt✕"]);
    await form.getByText("30 d", { exact: true }).click();
    await form.getByRole("button", { name: "Issue token" }).click();

    const issued = form.getByTestId("token-issued");
    await expect(issued).toBeVisible();
    const once = issued.getByTestId("token-once");
    await expect(once).toContainText("shown only once");
    const value = (await once.getByTestId("secret-value").textContent())!;
    expect(value).toMatch(/^op_[A-Za-z0-9_-]{40,}$/);
    await once.getByRole("button", { name: /stored it/ }).click();
    await expect(form).toBeHidden();

    // The list shows its prefix, never the value again (nor does the API).
    const row = page.locator(`[data-testid=token-row][data-prefix="${value.slice(0, 10)}"]`);
    await expect(row).toHaveAttribute("data-status", "active");
    await expect(row).toContainText(name);
    await expect(row.locator("[data-col=prefix]")).toHaveText(`${value.slice(0, 10)}…`);
    await expect(row.locator("[data-col=sources] [aria-label='Allowed sources']")).toHaveText("e2e-wms");
    await expect(row.locator("[data-col=sources] [data-limit=eventTypes]")).toHaveText("event types:receipt");
    await expect(row.locator("[data-col=expires]")).toHaveText(/in (29|30) days/);
    await expect(page.getByText(value)).toHaveCount(0);
    const listed = await request.get("/api/tokens", { headers: { authorization: `Bearer ${E2E_TOKEN}` } });
    expect(listed.status()).toBe(200);
    const listedText = await listed.text();
    expect(listedText).not.toContain(value);
    const issuedView = (JSON.parse(listedText) as { tokens: { id: string; prefix: string; scopes: string[]; sources: string[]; expiresAt: string | null }[] }).tokens.find(
      (t) => t.prefix === value.slice(0, 10),
    )!;
    expect(issuedView).toMatchObject({ scopes: ["ingest", "read"], sources: ["e2e-wms"], eventTypes: ["receipt"], locations: [], channels: [] });
    expect(new Date(issuedView.expiresAt!).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    // It works for its source, and only for it.
    expect(await receive(request, value, sku, 4)).toMatchObject({ status: 202, result: { status: "accepted" } });
    expect(await receive(request, value, sku, 1, "e2e-other-source")).toMatchObject({ status: 422, result: { status: "rejected", error: { code: "forbidden_source" } } });
    const count = await postEventWithToken(request, value, { type: "cycle_count", sku, quantity: 0, source: "e2e-wms" });
    expect(count.body.error?.details?.results?.[0]).toMatchObject({ status: "rejected", error: { code: "forbidden_event_type" } });
    expect(await availableReal(request, sku)).toBe(4);

    // Rotate with a 1 h overlap: a new value, shown once; the old one is "expiring"; both work.
    await row.getByRole("button", { name: /^Rotate token/ }).click();
    const rotateForm = page.getByTestId("rotate-token-form");
    await rotateForm.getByText("1 h", { exact: true }).click();
    await expect(rotateForm).toContainText("keeps working for 1 hour");
    await rotateForm.getByRole("button", { name: "Rotate", exact: true }).click();
    const rotated = page.getByTestId("rotate-token-result");
    await expect(rotated.getByTestId("token-once")).toContainText("shown only once");
    const next = (await rotated.getByTestId("secret-value").textContent())!;
    expect(next).toMatch(/^op_[A-Za-z0-9_-]{40,}$/);
    expect(next).not.toBe(value);
    await expect(rotated.getByTestId("rotate-previous")).toContainText(`${value.slice(0, 10)}… keeps working until`);
    await expect(row).toHaveAttribute("data-status", "expiring");
    const nextRow = page.locator(`[data-testid=token-row][data-prefix="${next.slice(0, 10)}"]`);
    await expect(nextRow).toHaveAttribute("data-status", "active");
    await expect(nextRow).toContainText(name);
    // The successor keeps every limit.
    await expect(nextRow.locator("[data-col=sources] [aria-label='Allowed sources']")).toHaveText("e2e-wms");
    await expect(nextRow.locator("[data-col=sources] [data-limit=eventTypes]")).toHaveText("event types:receipt");
    expect(await receive(request, value, sku, 2)).toMatchObject({ status: 202, result: { status: "accepted" } });
    expect(await receive(request, next, sku, 3)).toMatchObject({ status: 202, result: { status: "accepted" } });
    expect(await availableReal(request, sku)).toBe(9);
    await rotated.getByRole("button", { name: /stored it/ }).click();
    await expect(rotated).toHaveCount(0);

    // Revoke the old one in the UI (confirmed in place): refused at once, the new one still works.
    await row.getByRole("button", { name: /^Revoke token/ }).click();
    const confirm = page.getByTestId("revoke-token-confirm");
    await expect(confirm).toContainText(`Refuse every request carrying ${value.slice(0, 10)}… (${name})`);
    await expect(confirm.getByRole("button", { name: `Revoke ${value.slice(0, 10)}…` })).toBeFocused();
    await confirm.getByRole("button", { name: `Revoke ${value.slice(0, 10)}…` }).click();
    await expect(row).toHaveAttribute("data-status", "revoked");
    await expect(row.getByTestId("token-status")).toHaveText("Revoked");
    await expect(row.getByRole("button", { name: /^Rotate token/ })).toHaveCount(0);
    await expect(confirm).toHaveCount(0);
    expect(await receive(request, value, sku, 5)).toMatchObject({ status: 401, code: "token_revoked" });
    expect(await receive(request, next, sku, 1)).toMatchObject({ status: 202, result: { status: "accepted" } });
    expect(await availableReal(request, sku)).toBe(10);
    await expect(nextRow).toHaveAttribute("data-status", "active");
  });
});
