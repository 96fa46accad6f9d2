import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { markNoReload, openReconciliationLive, postEvent, uniqueCode } from "./support/onepool-api";
import { stateFor } from "./support/people";

// A trusted count moves the dashboard tile and the matrix in other open browsers without a reload;
// an untrusted snapshot appears as drift beside source health and on the SKU page.

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

test.use({ storageState: stateFor("analyst") });

test("a count landing moves the tile and the matrix live; an untrusted snapshot shows as drift", async ({ browser, request }) => {
  const sku = uniqueCode("REC");
  const location = `e2e-rec-${Date.now().toString(36)}`;
  const drifter = `e2e-drift-${Date.now().toString(36)}`;
  const cat = await request.put("/api/catalog", {
    headers: auth,
    data: { skus: [{ code: sku, name: "E2E reconciliation live", unitCost: 4 }], locations: [{ code: location, name: "E2E rec", type: "warehouse", sellable: true, trustedSources: ["e2e-wms"] }] },
  });
  expect(cat.status(), await cat.text()).toBe(200);
  await postEvent(request, { type: "receipt", sku, location, quantity: 10, occurredAt: new Date(Date.now() - 60_000).toISOString() });

  const dash = await (await browser.newContext({ storageState: stateFor("analyst") })).newPage();
  const rec = await (await browser.newContext({ storageState: stateFor("analyst") })).newPage();
  const tile = await openReconciliationLive(dash, rec);
  // A database with no count yet shows the empty tile: zero lines.
  const linesNode = tile.getByTestId("reconciliation-lines");
  const linesBefore = (await linesNode.count()) ? Number((await linesNode.textContent())?.replace(/,/g, "") || 0) : 0;
  const dashSame = await markNoReload(dash);
  const recSame = await markNoReload(rec);

  await postEvent(request, { type: "cycle_count", sku, location, quantity: 7 });

  await expect.poll(async () => Number((await tile.getByTestId("reconciliation-lines").textContent())?.replace(/,/g, "")), { timeout: 5000 }).toBe(linesBefore + 1);
  const row = rec.locator(`[data-testid=heat-row][data-location="${location}"]`);
  await expect(row.locator('[data-testid=heat-cell][data-bucket=">90"]')).toHaveAttribute("data-lines", "1", { timeout: 5000 });
  await row.locator('[data-testid=heat-cell][data-bucket=">90"] button').click();
  await expect(rec.getByTestId("lines-panel").locator("[data-testid=line-row]").filter({ hasText: sku }).getByTestId("line-variance")).toHaveText("+3");
  await dashSame();
  await recSame();

  // Not trusted at this location: drift (pool 7 − said 4 = +3), never variance.
  await postEvent(request, { type: "snapshot", source: drifter, sku, location, bucket: "on_hand", quantity: 4 });
  const src = dash.locator(`[data-testid=drift-source][data-source="${drifter}"]`);
  await expect(src.getByTestId("drift-skus")).toHaveText("1 SKU", { timeout: 5000 });
  await src.getByRole("button").click();
  await expect(src.getByTestId("drift-row").filter({ hasText: sku })).toContainText("+3");

  await dash.goto(`/skus/${encodeURIComponent(sku)}`);
  await expect(dash.locator(`[data-testid=said-row][data-source="${drifter}"]`)).toHaveAttribute("data-trusted", "false");
  await expect(dash.locator(`[data-testid=said-row][data-source="${drifter}"] [data-testid=said-drift]`)).toHaveText("drift +3");
});
