import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { velocityRate } from "@/lib/metrics/velocity";
import { createPause, endPause } from "@/server/pauses/save-pause";
import { loadPublishInputs } from "@/server/publishing/load-publish-inputs";
import { loadAllocationContext, publishedFor } from "@/server/queries/load-allocation-context";
import { createRule, deleteRule, updateRule } from "@/server/rules/save-rule";
import { startOnOwnDatabase } from "../support/own-database";
import { ev, uniqueCatalog, type TestServer } from "../support/test-server";

// The stored numbers against a computation from scratch (docs/CHANNEL-RULES.md): after any interleaving of
// stock events, rule creations, edits and deletions, pauses and resumes, what the publisher kept
// current equals what the one function gives from the state as it is now. Its own database:
// random channel-wide reserves would move every other test's numbers.

let server: TestServer;
beforeAll(async () => {
  server = await startOnOwnDatabase("onepool_publish");
});
afterAll(() => server?.stop());

const fields = fc.record(
  {
    bufferUnits: fc.option(fc.nat(15)),
    bufferPercent: fc.option(fc.nat(100)),
    dynamicK: fc.option(fc.constantFrom("0", "0.5", "2")),
    reserveUnits: fc.option(fc.nat(10)),
    reservePercent: fc.option(fc.nat(60)),
    floor: fc.option(fc.nat(8)),
    minQty: fc.option(fc.nat(5)),
    maxQty: fc.option(fc.integer({ min: 5, max: 40 })),
  },
  { requiredKeys: [] },
);

type Op =
  | { kind: "stock"; sku: number; type: "receipt" | "order.placed" | "order.cancelled"; q: number }
  | { kind: "rule"; channel: number; scope: "channel" | "tag" | "sku"; sku: number; fields: Record<string, unknown> }
  | { kind: "edit"; nth: number; fields: Record<string, unknown> }
  | { kind: "drop"; nth: number }
  | { kind: "pause"; channel: number | null; sku: number | null }
  | { kind: "resume"; nth: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("stock" as const),
    sku: fc.nat(2),
    type: fc.constantFrom("receipt" as const, "order.placed" as const, "order.cancelled" as const),
    q: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant("rule" as const), channel: fc.nat(1), scope: fc.constantFrom("channel" as const, "tag" as const, "sku" as const), sku: fc.nat(2), fields }),
  fc.record({ kind: fc.constant("edit" as const), nth: fc.nat(), fields }),
  fc.record({ kind: fc.constant("drop" as const), nth: fc.nat() }),
  fc.record({ kind: fc.constant("pause" as const), channel: fc.option(fc.nat(1)), sku: fc.option(fc.nat(2)) }),
  fc.record({ kind: fc.constant("resume" as const), nth: fc.nat() }),
);

const clean = (f: Record<string, unknown>) => {
  const out = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null));
  if (typeof out.minQty === "number" && typeof out.maxQty === "number" && out.minQty > out.maxQty) delete out.minQty;
  return out;
};

it("stored published numbers = the function on the state as it is, after any sequence of stock, rule and pause changes", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
      const c = uniqueCatalog({ skus: ["A", "B", "C"] });
      const tag = `t-${c.tag}`;
      const channels = [c.channel, `other-${c.tag}`];
      await server.catalog({
        ...c.withTag(tag, ["A", "B"]),
        channels: channels.map((code) => ({ code, name: code, kind: "marketplace" })),
      });
      const skus = ["A", "B", "C"].map(c.sku);
      const pool = server.services.pool;
      const rules: { id: string; version: number }[] = [];
      const pauses: string[] = [];
      for (const o of ops) {
        try {
          if (o.kind === "stock") await server.post(ev({ type: o.type, sku: skus[o.sku], location: c.loc("wh"), quantity: o.q, ...(o.type === "order.cancelled" ? { reason: "customer" } : {}) }));
          else if (o.kind === "rule") {
            const scope = o.scope === "tag" ? { tag } : o.scope === "sku" ? { sku: skus[o.sku] } : {};
            const r = await createRule(pool, { channel: channels[o.channel], ...scope, ...clean(o.fields) }, SYSTEM_ACTOR);
            rules.push({ id: r.id, version: r.version });
          } else if (o.kind === "edit" && rules.length) {
            const r = rules[o.nth % rules.length];
            r.version = (await updateRule(pool, r.id, { version: r.version, ...clean(o.fields) }, SYSTEM_ACTOR)).version;
          } else if (o.kind === "drop" && rules.length) {
            const [r] = rules.splice(o.nth % rules.length, 1);
            await deleteRule(pool, r.id, r.version, SYSTEM_ACTOR);
          } else if (o.kind === "pause" && (o.channel !== null || o.sku !== null)) {
            pauses.push(
              (await createPause(pool, { ...(o.channel !== null ? { channel: channels[o.channel] } : {}), ...(o.sku !== null ? { sku: skus[o.sku] } : {}), reason: "test" }, SYSTEM_ACTOR)).id,
            );
          } else if (o.kind === "resume" && pauses.length) await endPause(pool, pauses.splice(o.nth % pauses.length, 1)[0], SYSTEM_ACTOR);
          else continue;
          // Control changes ask for a full recompute, as the routes do; stock changes mark their SKU.
          if (o.kind !== "stock") server.services.publisher.contextChanged();
        } catch (err) {
          // A refused change (same scope twice, already paused, min above max merged) changes nothing.
          if (!(err as { status?: number }).status) throw err;
        }
      }
      await server.services.publisher.settle();

      const ctx = await loadAllocationContext(pool);
      const ids = (await pool.query<{ id: number }>("SELECT id FROM sku WHERE code = ANY($1)", [skus])).rows.map((r) => r.id);
      for (const s of await loadPublishInputs(pool, ids)) {
        const expected = publishedFor(ctx, s, s.availableReal, velocityRate({ units24h: s.units24h, units7d: s.units7d }));
        const stored = await pool.query<{ channel: string; quantity: number; pause_id: number | null }>(
          "SELECT c.code AS channel, pq.quantity, pq.pause_id FROM published_quantity pq JOIN channel c ON c.id = pq.channel_id WHERE pq.sku_id = $1",
          [s.id],
        );
        const byChannel = new Map(stored.rows.map((r) => [r.channel, r]));
        for (const e of expected.filter((x) => channels.includes(x.channel))) {
          expect(byChannel.get(e.channel), `${s.code} on ${e.channel}`).toEqual({ channel: e.channel, quantity: e.published, pause_id: e.pausedBy ? Number(e.pausedBy.id) : null });
        }
      }
    }),
    { numRuns: 25 },
  );
}, 240_000);
