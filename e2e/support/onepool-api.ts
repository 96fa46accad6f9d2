import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_TOKEN } from "../../playwright.config";

// Shared by the specs: seed through the public API exactly as a connector would.

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

// Locations and channels are shared by every run (the catalogue is an upsert); SKUs are unique per test.
export const LOCATION = "e2e-wh-1";
export const NON_SELLABLE = "e2e-returns";
export const CHANNELS = ["e2e-web", "e2e-market"] as const;

export const uniqueCode = (prefix: string) => `E2E-${prefix}-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;

export async function putCatalog(request: APIRequestContext, skus: { code: string; name: string; leadTimeDays?: number; tags?: string[] }[]) {
  const res = await request.put("/api/catalog", {
    headers: auth,
    data: {
      skus,
      locations: [
        { code: LOCATION, name: "E2E warehouse", type: "warehouse", sellable: true },
        { code: NON_SELLABLE, name: "E2E returns", type: "virtual", sellable: false },
      ],
      channels: [
        { code: CHANNELS[0], name: "E2E web", kind: "website" },
        { code: CHANNELS[1], name: "E2E market", kind: "marketplace" },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * `count` new SKUs under one new tag, so that searching the tag lists exactly them: coded
 * `<base>-000`, `<base>-001`… (zero-padded, so code order is creation order), named `<name> <code>`.
 */
export async function putTaggedSkus(request: APIRequestContext, prefix: string, count: number, name: string): Promise<{ base: string; tag: string; codes: string[] }> {
  const base = uniqueCode(prefix);
  const tag = `e2e${prefix.toLowerCase()}${Date.now()}`;
  const width = String(count - 1).length;
  const codes = Array.from({ length: count }, (_, i) => `${base}-${String(i).padStart(width, "0")}`);
  await putCatalog(
    request,
    codes.map((code) => ({ code, name: `${name} ${code}`, tags: [tag] })),
  );
  return { base, tag, codes };
}

let n = 0;
export async function postEvent(request: APIRequestContext, event: Record<string, unknown>) {
  const body = { id: `e2e-${Date.now()}-${n++}`, source: "e2e-wms", location: LOCATION, occurredAt: new Date().toISOString(), ...event };
  const res = await request.post("/api/events", { headers: auth, data: body });
  expect(res.status(), await res.text()).toBe(202);
  const json = (await res.json()) as { results: { status: string; error?: unknown }[] };
  expect(json.results[0].status, JSON.stringify(json.results[0])).toBe("accepted");
}

/** Frames only reach a subscribed socket: wait until the header says the live connection is up. */
export async function waitForLive(page: Page) {
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");
}

/** Open the dashboard and the Reconciliation page live; the dashboard's reconciliation tile once it has loaded. */
export async function openReconciliationLive(dash: Page, rec: Page) {
  await dash.goto("/");
  await rec.goto("/reconciliation");
  await waitForLive(dash);
  await waitForLive(rec);
  const tile = dash.getByTestId("reconciliation-tile");
  await expect(tile).not.toHaveAttribute("data-state", "loading");
  return tile;
}

/**
 * Mark the window and count document loads, so a test can prove a change arrived without a reload
 * or navigation.
 */
export async function markNoReload(page: Page): Promise<() => Promise<void>> {
  let loads = 0;
  page.on("load", () => loads++);
  const url = page.url();
  await page.evaluate(() => ((window as unknown as { __e2eMarker: string }).__e2eMarker = "still-here"));
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe("still-here");
    expect(loads, "the page reloaded").toBe(0);
    expect(page.url()).toBe(url);
  };
}

// Admin (connectors): sources, parked and rejected events, and the admin token typed into the UI.

/** A source code unique per test (lower-case: the API's pattern). */
export const uniqueSource = (prefix: string) => `e2e-${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;

export async function putSource(request: APIRequestContext, code: string, body: Record<string, unknown>) {
  const res = await request.put(`/api/sources/${code}`, { headers: auth, data: body });
  expect([200, 201], await res.text()).toContain(res.status());
  return res.json();
}

/** Post one canonical event and return its per-event status (accepted, duplicate, unmapped or rejected). */
export async function postEventStatus(request: APIRequestContext, event: Record<string, unknown>): Promise<{ id: string; status: string; error?: { code: string } }> {
  const body = { id: `e2e-${Date.now()}-${n++}`, source: "e2e-wms", location: LOCATION, occurredAt: new Date().toISOString(), ...event };
  const res = await request.post("/api/events", { headers: auth, data: body });
  // 202 when anything was taken; 422 when every event of the request was rejected.
  expect([202, 422], await res.text()).toContain(res.status());
  const json = (await res.json()) as {
    results?: { id: string; status: string; error?: { code: string } }[];
    error?: { details: { results: { id: string; status: string; error?: { code: string } }[] } };
  };
  return (json.results ?? json.error!.details.results)[0];
}

/** A SKU's available real, read from the API. */
export async function availableReal(request: APIRequestContext, code: string): Promise<number> {
  const res = await request.get(`/api/skus/${encodeURIComponent(code)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { availableReal: number }).availableReal;
}

/** Post one canonical event with a given connector token; the raw answer (status and body), for tokens' tests. */
export async function postEventWithToken(
  request: APIRequestContext,
  token: string,
  event: Record<string, unknown>,
): Promise<{ status: number; body: { results?: { status: string; error?: { code: string } }[]; error?: { code: string; details?: { results?: { status: string; error?: { code: string } }[] } } } }> {
  const body = { id: `e2e-${Date.now()}-${n++}`, source: "e2e-wms", location: LOCATION, occurredAt: new Date().toISOString(), ...event };
  const res = await request.post("/api/events", { headers: { authorization: `Bearer ${token}` }, data: body });
  return { status: res.status(), body: await res.json() };
}
