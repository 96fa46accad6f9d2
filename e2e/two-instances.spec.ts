import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { LOCATION, markNoReload, putCatalog, uniqueCode, waitForLive } from "./support/onepool-api";

// Scaling out (docs/SCALING.md): a browser on instance A (playwright.config.ts's server) sees an
// event that was POSTed to instance B, a second server on the same database started here.

/** The database A uses: E2E_DATABASE_URL, or the embedded Postgres it started in .data/e2e. */
function databaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const dir = path.resolve(".data/e2e");
  const pidFile = path.join(dir, "pg", "postmaster.pid");
  if (!existsSync(pidFile)) throw new Error(`no E2E_DATABASE_URL and no running embedded Postgres in ${dir}`);
  // postmaster.pid: line 4 is the port it listens on.
  const port = readFileSync(pidFile, "utf8").split("\n")[3].trim();
  const password = readFileSync(path.join(dir, "embedded-pg-password"), "utf8").trim();
  return `postgresql://onepool:${encodeURIComponent(password)}@127.0.0.1:${port}/onepool`;
}

const portA = Number(process.env.E2E_PORT ?? 3199);
const portB = Number(process.env.E2E_SECOND_PORT ?? portA + 1);
const urlB = `http://127.0.0.1:${portB}`;
let b: ChildProcess | null = null;

test.afterAll(async () => {
  const child = b;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await gone;
  clearTimeout(t);
});

test("a page served by instance A shows an event POSTed to instance B, without a reload", async ({ page, request }) => {
  test.setTimeout(120_000);
  const code = uniqueCode("TWO");
  await putCatalog(request, [{ code, name: "E2E two-instance probe" }]);

  // B: the real server entry, ingest and live layer only (no pages needed), one process, same
  // database and data folder (so the same secret key) as A.
  b = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-next"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(portB),
      HOST: "127.0.0.1",
      ONEPOOL_WORKERS: "1",
      DATABASE_URL: databaseUrl(),
      ONEPOOL_DATA_DIR: process.env.E2E_DATABASE_URL ? ".data" : ".data/e2e",
      ONEPOOL_BOOTSTRAP_TOKEN: E2E_TOKEN,
      ONEPOOL_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await expect
    .poll(
      async () => {
        if (b?.exitCode !== null) throw new Error(`instance B exited (${b?.exitCode}) before serving`);
        return request.get(`${urlB}/api/not-a-route`).then(
          (r) => r.status(),
          () => 0,
        );
      },
      { timeout: 60_000, message: "instance B answers" },
    )
    .toBe(404);

  const post = async (quantity: number) => {
    const res = await request.post(`${urlB}/api/events`, {
      headers: { authorization: `Bearer ${E2E_TOKEN}` },
      data: { id: `e2e-two-${code}-${quantity}-${Date.now()}`, source: "e2e-wms", type: "receipt", sku: code, location: LOCATION, quantity, occurredAt: new Date().toISOString() },
    });
    expect(res.status(), await res.text()).toBe(202);
    expect(((await res.json()) as { results: { status: string }[] }).results[0].status).toBe("accepted");
  };
  // B learns A's new SKU over the context bus; the first post proves it did.
  await post(12);

  await page.goto(`/?q=${encodeURIComponent(code)}`);
  await waitForLive(page);
  const row = page.locator(`[data-testid=stock-row][data-sku="${code}"]`);
  const available = row.locator("[data-col=availableReal]");
  await expect(available).toHaveText("12");

  const assertNoReload = await markNoReload(page);
  await post(30);
  // Committed on B, framed under the shared order, delivered by A to this page's socket.
  await expect(available).toHaveText("42");
  await assertNoReload();
});
