import "../server/preload";
import { performance } from "node:perf_hooks";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { applyCatalog } from "@/server/catalog/apply-catalog";
import { inTransaction } from "@/server/db/in-transaction";
import { parseEnv } from "@/server/env";
import { ingestEvents } from "@/server/ingest/ingest-events";
import { createPerson } from "@/server/people/create-person";
import { startServer } from "@/server/start-server";
import { routeStandIn } from "../tests/support/route-stand-in";
import { prepareDatabase } from "./database";

// `npx tsx bench/counts.ts`: a count of 1,000 lines over real HTTP — open, PUT the lines, submit,
// approve (1,000 cycle_count events through the ingest path) — against the 2 s target, next to
// the raw ceiling: the same line rows, ledger rows and stock_level updates in one plain pg
// transaction. Runs on a fresh throwaway database (BENCH_DATABASE_URL or DATABASE_URL, else embedded).

const LINES = 1000;
const ROUNDS = 5;
const PASSWORD = "bench counts password";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const log = (m: string) => console.log(m);
  const db = await prepareDatabase({ adminUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL, embeddedDir: ".data/bench-counts", log });
  const env = parseEnv({
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: db.url,
    PORT: "0",
    HOST: "127.0.0.1",
    ONEPOOL_BOOTSTRAP_TOKEN: "op_bench_counts_token_0123456789abcdefghij",
    ONEPOOL_SECRET_KEY: "7d1b0c9e5a4f3b2a19080706050403020100f0e0d0c0b0a09080706050403021",
  });
  const server = await startServer(env, { withNext: false, log: () => {}, nextHandler: routeStandIn() });
  try {
    const s = server.services;
    const cookies: Partial<Record<Role, string>> = {};
    for (const [i, role] of (["analyst", "merchandiser"] as const).entries()) {
      const email = `bench-${role}@example.com`;
      await inTransaction(s.pool, (c) => createPerson(c, s.auth, { email, name: role, role, password: PASSWORD }, SYSTEM_ACTOR));
      const res = await handleAuthRequest(
        s,
        new Request(`${server.url}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": `10.1.0.${i}` },
          body: JSON.stringify({ email, password: PASSWORD }),
        }),
      );
      cookies[role] = res.headers.get("set-cookie")!.split(";")[0];
    }
    const call = async (role: Role, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { cookie: cookies[role]!, origin: server.url, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const skus = Array.from({ length: LINES }, (_, i) => `BENCH-CNT-${String(i).padStart(5, "0")}`);
    await applyCatalog(s, { skus: skus.map((code) => ({ code, name: code, unitCost: 3 })), locations: [{ code: "bench-wh", name: "Bench", type: "warehouse", sellable: true }] }, SYSTEM_ACTOR);
    const at = new Date(Date.now() - 3_600_000).toISOString();
    await ingestEvents(
      s.ingest,
      skus.map((sku, i) => ({ id: `r-${i}`, source: "bench", type: "receipt", sku, location: "bench-wh", quantity: 100, occurredAt: at })),
      { token: null, receivedAt: new Date() },
    );

    const ours: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Every 10th line is off by 10 units and carries a reason; the rest agree with the pool.
      const lines = skus.map((sku, i) => (i % 10 === 0 ? { sku, counted: 90 + round, reason: "miscount" } : { sku, counted: 100 }));
      const t0 = performance.now();
      const opened = await call("analyst", "POST", "/api/counts", { location: "bench-wh", skus });
      await call("analyst", "PUT", `/api/counts/${opened.id}/lines`, { lines });
      await call("analyst", "POST", `/api/counts/${opened.id}/submit`);
      const approved = await call("merchandiser", "POST", `/api/counts/${opened.id}/approve`);
      const ms = performance.now() - t0;
      if (approved.events !== LINES) throw new Error(`approved ${approved.events} events, expected ${LINES}`);
      ours.push(ms);
      log(`round ${round + 1}: ${LINES} lines open → approved in ${ms.toFixed(0)} ms`);
    }

    // The raw ceiling: the same writes as plain SQL in one transaction (no HTTP, no validation, no fold).
    const ids = (await s.pool.query<{ id: number }>("SELECT id FROM sku WHERE code = ANY($1) ORDER BY code", [skus])).rows.map((r) => r.id);
    const loc = (await s.pool.query<{ id: number }>("SELECT id FROM location WHERE code = 'bench-wh'")).rows[0].id;
    const raw: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      await inTransaction(s.pool, async (c) => {
        const id = `raw_${round}_${Date.now()}`;
        await c.query("INSERT INTO stock_count (id, location_id, status, created_by, expected) VALUES ($1, $2, 'approved', 'bench', $3)", [id, loc, ids]);
        await c.query("INSERT INTO stock_count_line (count_id, sku_id, counted, counted_at, entered_by) SELECT $1, u, 100, now(), 'bench' FROM unnest($2::int[]) u", [id, ids]);
        await c.query(
          `INSERT INTO event (source, event_id, type, sku_id, location_id, quantity, occurred_at, received_at, body)
           SELECT 'raw-ceiling', $1 || '-' || u, 'cycle_count', u, $2, 100, now(), now(), '{}'::jsonb FROM unnest($3::int[]) u`,
          [id, loc, ids],
        );
        await c.query("UPDATE stock_level SET on_hand = 100, version = version + 1 WHERE location_id = $1 AND sku_id = ANY($2::int[])", [loc, ids]);
      });
      raw.push(performance.now() - t0);
    }
    log(`\ncount of ${LINES} lines, open → lines → submit → approve over HTTP: median ${median(ours).toFixed(0)} ms (target < 2000 ms; rounds ${ours.map((x) => x.toFixed(0)).join(", ")})`);
    log(`raw ceiling, same rows in one plain pg transaction: median ${median(raw).toFixed(0)} ms (rounds ${raw.map((x) => x.toFixed(0)).join(", ")})`);
  } finally {
    await server.stop();
    await db.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
