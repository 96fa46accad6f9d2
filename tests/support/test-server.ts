import "../../server/preload";
import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyCatalog } from "@/server/catalog/apply-catalog";
import type { CatalogInput } from "@/server/catalog/upsert-catalog";
import { parseEnv } from "@/server/env";
import { startServer, type NextHandler, type RunningServer } from "@/server/start-server";

export const TEST_TOKEN = "op_test_token_0123456789abcdefghijklmnop";
/** Fixed, so a test that restarts the server on the same database can still open its sealed secrets. */
export const TEST_SECRET_KEY = "7d1b0c9e5a4f3b2a19080706050403020100f0e0d0c0b0a09080706050403021";

/** Test receivers listen on loopback, which Onepool refuses to call unless allowed (docs/SECURITY.md). */
export const TEST_OUTBOUND_ALLOW_HOSTS = "127.0.0.1";

/** The environment of a server a test spawns as a child process (`npm start`'s entry or serve-ingest.ts): the test's database, any port. */
export function childServerEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", ONEPOOL_BOOTSTRAP_TOKEN: TEST_TOKEN, ONEPOOL_SECRET_KEY: TEST_SECRET_KEY };
}

export interface TestServer extends RunningServer {
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  catalog(input: CatalogInput): Promise<void>;
}

/** The real server (ingest path + Socket.IO, no Next pages) on a random port against the test database. */
/** The third argument: a log function (as the live tests pass), or options with a Next stand-in. */
export async function startTestServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  opts: ((m: string) => void) | { nextHandler?: NextHandler; log?: (m: string) => void } = {},
): Promise<TestServer> {
  const { log = () => {}, nextHandler } = typeof opts === "function" ? { log: opts, nextHandler: undefined } : opts;
  const env = parseEnv({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    ONEPOOL_BOOTSTRAP_TOKEN: TEST_TOKEN,
    ONEPOOL_SECRET_KEY: TEST_SECRET_KEY,
    ONEPOOL_OUTBOUND_ALLOW_HOSTS: TEST_OUTBOUND_ALLOW_HOSTS,
    ...extraEnv,
  });
  const running = await startServer(env, { withNext: false, log, nextHandler });
  return {
    ...running,
    async post(body, headers = {}) {
      const res = await fetch(`${running.url}/api/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}`, ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async catalog(input) {
      await applyCatalog(running.services, input, SYSTEM_ACTOR);
    },
  };
}

/** `count` instances of the app on one database, as a deployment with several runs them (docs/SCALING.md). */
export function startInstances(databaseUrl: string, count: number): Promise<TestServer[]> {
  return Promise.all(Array.from({ length: count }, () => startTestServer(databaseUrl)));
}

/** A unique catalogue per test, so tests share one database without seeing each other's stock. */
export function uniqueCatalog(opts: { locations?: { code: string; sellable?: boolean; trustedSources?: string[] }[]; skus?: string[] } = {}) {
  const tag = randomUUID().slice(0, 8);
  const sku = (s: string) => `${s}-${tag}`;
  const loc = (l: string) => `${l}-${tag}`;
  const skus = (opts.skus ?? ["A", "B"]).map(sku);
  const locations = (opts.locations ?? [{ code: "wh" }, { code: "store" }]).map((l) => ({
    code: loc(l.code),
    name: l.code,
    type: "warehouse" as const,
    sellable: l.sellable ?? true,
    trustedSources: l.trustedSources,
  }));
  const channel = `web-${tag}`;
  const input: CatalogInput = {
    skus: skus.map((code) => ({ code, name: code })),
    locations,
    channels: [{ code: channel, name: "Web", kind: "website" }],
    listings: skus.map((code, i) => ({ channel, externalId: `ext-${tag}-${i}`, sku: code })),
  };
  /** The input with `tagName` on the SKUs named (short names): what a rule or a count selects by tag. */
  const withTag = (tagName: string, named: string[]): CatalogInput => {
    const tagged = new Set(named.map(sku));
    return { ...input, skus: skus.map((code) => (tagged.has(code) ? { code, name: code, tags: [tagName] } : { code, name: code })) };
  };
  return { tag, sku, loc, channel, input, withTag, externalId: (i: number) => `ext-${tag}-${i}` };
}

let counter = 0;
/** A canonical event with sensible defaults; occurredAt defaults to a few seconds ago. */
export function ev(fields: Record<string, unknown> & { type: string }, ageMs = 5000) {
  counter += 1;
  return {
    id: `e-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    source: "wms",
    quantity: 1,
    occurredAt: new Date(Date.now() - ageMs).toISOString(),
    ...fields,
  };
}

export async function level(server: RunningServer, sku: string, location: string) {
  const r = await server.services.pool.query(
    `SELECT sl.on_hand, sl.committed, sl.reserved, sl.damaged, sl.quality_control, sl.available, sl.incoming_total
       FROM stock_level sl JOIN sku s ON s.id = sl.sku_id JOIN location l ON l.id = sl.location_id
      WHERE s.code = $1 AND l.code = $2`,
    [sku, location],
  );
  return r.rows[0] ?? null;
}
