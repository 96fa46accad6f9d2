import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createConnectorToken, newTokenValue, TokenVerifier } from "@/server/auth/connector-tokens";
import { migratedDatabase, type MigratedDatabase } from "../support/own-database";

// The verifier's cache of token rows (one second) and its one read per token at a time, on the real
// database: a pool wrapper counts the reads and can hold one's answer back.

let db: MigratedDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await migratedDatabase("token_verifier");
  pool = db.pool;
});
afterAll(async () => {
  await db?.drop();
});

/** The pool as the verifier sees it: token reads counted; `hold` keeps the next answer until released. */
function watchedPool() {
  let reads = 0;
  let held: { gate: Promise<void>; release: () => void } | null = null;
  const watched = {
    query: async (...args: Parameters<pg.Pool["query"]>) => {
      // Token reads only (the verifier also marks a token's last use).
      if (String(args[0]).includes("WHERE token_hash")) reads++;
      const gate = held?.gate;
      held = null;
      const answer = await (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
      if (gate) await gate;
      return answer;
    },
  };
  return {
    pool: watched as unknown as pg.Pool,
    reads: () => reads,
    hold(): () => void {
      let release = () => {};
      const gate = new Promise<void>((r) => (release = r));
      held = { gate, release };
      return release;
    },
  };
}

const bearer = (token: string) => `Bearer ${token}`;

it("requests that arrive while a token is read wait for that one read", async () => {
  const { token } = await createConnectorToken(pool, { name: "verifier-herd", scopes: ["ingest"] });
  const w = watchedPool();
  const verifier = new TokenVerifier(w.pool);
  const results = await Promise.all(Array.from({ length: 50 }, () => verifier.check(bearer(token), "ingest")));
  expect(results.every((r) => r.ok)).toBe(true);
  expect(w.reads()).toBe(1);
});

it("an unknown token is remembered as unknown for the second, not read again on every request", async () => {
  const w = watchedPool();
  const verifier = new TokenVerifier(w.pool);
  const unknown = bearer(newTokenValue());
  for (let i = 0; i < 5; i++) expect(await verifier.check(unknown, "ingest")).toMatchObject({ ok: false, status: 401, code: "invalid_token" });
  expect(w.reads()).toBe(1);
});

it("after forget(), a revocation holds even when a read from before it answers last", async () => {
  const { id, token } = await createConnectorToken(pool, { name: "verifier-forget", scopes: ["ingest"] });
  const w = watchedPool();
  const verifier = new TokenVerifier(w.pool);
  const release = w.hold();
  // Read before the revocation; its answer is held back until after the fresh read below.
  const early = verifier.check(bearer(token), "ingest");
  await new Promise((r) => setTimeout(r, 50));
  await pool.query("UPDATE connector_token SET revoked_at = now() WHERE id = $1", [id]);
  verifier.forget(); // what a token change tells every verifier
  expect(await verifier.check(bearer(token), "ingest")).toMatchObject({ ok: false, code: "token_revoked" });
  release();
  expect((await early).ok).toBe(true); // read before the revocation
  // The early read must not have put its row back into the cache.
  expect(await verifier.check(bearer(token), "ingest")).toMatchObject({ ok: false, code: "token_revoked" });
  expect(w.reads()).toBe(2);
});
