import { expect, test } from "@playwright/test";
import { CHANNELS, postEvent, putCatalog, putSource, uniqueCode, uniqueSource } from "./support/onepool-api";
import { stateFor } from "./support/people";

// The audit log in words (as the manager who reads it): every action labelled, changes as
// "label: before → after", secrets as a sentence, and targets found by what they are about.

test.use({ storageState: stateFor("manager") });

test("actions are words, secrets a sentence, and a pause is found by its SKU or channel", async ({ page, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, storageState: stateFor("admin") });
  const headers = { origin: baseURL! };
  const sku = uniqueCode("AUDL");
  await putCatalog(admin, [{ code: sku, name: "E2E audit words" }]);
  await postEvent(admin, { type: "receipt", sku, quantity: 4 });

  // A pause and its end: recorded as pause:<id>, which says nothing by itself.
  const paused = await admin.post("/api/pauses", { data: { sku, channel: CHANNELS[1], reason: "audit check" }, headers });
  expect(paused.status(), await paused.text()).toBe(201);
  const { id } = (await paused.json()) as { id: string };
  expect((await admin.delete(`/api/pauses/${id}`, { headers })).status()).toBe(200);

  // A source whose secret is replaced through PUT, then rotated with an overlap.
  const src = uniqueSource("aud");
  await putSource(admin, src, { provider: "standard", secrets: ["whsec_e2e_audit_first_secret_0001"] });
  await putSource(admin, src, { provider: "standard", secrets: ["whsec_e2e_audit_second_secret_0002"] });
  const rotated = await admin.post(`/api/sources/${src}/secrets`, { data: { overlapSeconds: 86_400 }, headers });
  expect(rotated.status(), await rotated.text()).toBe(201);
  await admin.dispose();

  // Target "<the SKU>" finds the pause (before: only "pause:<id>" matched).
  await page.goto(`/audit?target=${sku}`);
  const pauseEntries = page.locator("[data-testid=audit-entry][data-action^='pause.']");
  await expect(pauseEntries).toHaveCount(2);
  await expect(pauseEntries.first().getByTestId("audit-target")).toHaveText(`Pause on ${CHANNELS[1]} · SKU ${sku}`);
  await expect(page.locator("[data-testid=audit-entry][data-action='pause.created'] [data-testid=audit-action]")).toHaveText("Selling paused");
  await expect(page.locator("[data-testid=audit-entry][data-action='pause.ended'] [data-testid=audit-action]")).toHaveText("Pause ended");
  await expect(page.locator("[data-testid=audit-entry][data-action='pause.created'] [data-testid=audit-diff]")).toContainText("Reason: audit check");

  // Every option of the Action filter is words, never a raw code like rule.created or outbound.update.
  const options = await page.getByTestId("filter-action").locator("option").allTextContents();
  expect(options.length).toBeGreaterThan(5);
  for (const o of options) expect(o, `raw code in the filter: ${o}`).not.toMatch(/\b[a-z]+\.[a-z_]+\b/);

  // The source's secrets: a sentence with hints, no JSON.
  await page.getByTestId("filter-target").fill(src);
  const updated = page.locator("[data-testid=audit-entry][data-action='source.updated']");
  await expect(updated).toHaveCount(1);
  const details = updated.getByTestId("audit-details");
  await expect(details).toContainText(/Secrets: added 1 secret \(…0002\), revoked 1 secret \(…0001\)/);
  await expect(details).not.toContainText("{");
  await expect(details).not.toContainText("[");
  const rotation = page.locator("[data-testid=audit-entry][data-action='source.secret_rotated']");
  await expect(rotation.getByTestId("audit-action")).toHaveText("Signing secret rotated");
  await expect(rotation.getByTestId("audit-details")).toContainText("Previous secrets: 1 secret valid 24 h more");
  await expect(rotation.getByTestId("audit-target")).toHaveText(`Source ${src}`);
});
