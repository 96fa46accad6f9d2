import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FrameBus, type SeqFrame } from "@/server/realtime/frame-bus";
import { startTestServer, type TestServer } from "../support/test-server";
import { until } from "../support/until";

// The frame bus's promise (docs/SCALING.md): builders on several instances, racing, produce ONE
// order in which a later frame never shows an older state, and every instance delivers all of it.

let server: TestServer; // applies the migrations (live_frame)
let pool: pg.Pool;
const buses: FrameBus<{ state: number; by: string }>[] = [];
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 10 });
});
afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await pool?.end();
  await server?.stop();
});

describe("frame bus", () => {
  it("racing builders on two buses: seq order is read order, and both deliver every frame in it", async () => {
    const room = `sku:BUS-${Date.now()}`;
    const got = { a: [] as SeqFrame<{ state: number; by: string }>[], b: [] as SeqFrame<{ state: number; by: string }>[] };
    const url = inject("databaseUrl");
    const a = new FrameBus<{ state: number; by: string }>(url, pool, (fs) => got.a.push(...fs.filter((f) => f.room === room)));
    const b = new FrameBus<{ state: number; by: string }>(url, pool, (fs) => got.b.push(...fs.filter((f) => f.room === room)));
    buses.push(a, b);
    await Promise.all([a.start(), b.start()]);

    // "The database state": a counter that moves while builders read it, with awaits in between so
    // unserialised builders would interleave (read early, number late).
    let state = 0;
    const read = (by: string) => async () => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      const seen = ++state;
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      return [{ room, data: { state: seen, by } }];
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).build(read(i % 2 ? "a" : "b"))));

    await until("both buses delivered all 40", () => got.a.length === 40 && got.b.length === 40);
    for (const frames of [got.a, got.b]) {
      const seqs = frames.map((f) => f.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      // The state each frame read increases with its seq: no frame numbered later read earlier.
      expect(frames.map((f) => f.data.state)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    }
    expect(got.a.map((f) => f.seq)).toEqual(got.b.map((f) => f.seq));
    // Own frames are marked as such (the hub builds SKU details only for others' frames).
    expect(got.a.filter((f) => f.own).every((f) => f.data.by === "a")).toBe(true);
    expect(got.b.filter((f) => f.own).every((f) => f.data.by === "b")).toBe(true);
  });

  it("catch-up gives a room's frames after a seq, or a snapshot when they may have been pruned", async () => {
    const room = `overview-test-${Date.now()}`;
    const url = inject("databaseUrl");
    const bus = new FrameBus<{ state: number; by: string }>(url, pool, () => {});
    buses.push(bus);
    await bus.start();
    const before = bus.lastDelivered;
    for (let i = 1; i <= 3; i++) await bus.build(async () => [{ room, data: { state: i, by: "x" } }]);
    await until("delivered", () => bus.lastDelivered > before + 2);
    const c = await bus.catchUp(room, before);
    expect(c.kind).toBe("frames");
    expect(c.kind === "frames" && c.frames.map((f) => f.data.state)).toEqual([1, 2, 3]);
    const afterFirst = c.kind === "frames" ? c.frames[0].seq : 0;
    const rest = await bus.catchUp(room, afterFirst);
    expect(rest.kind === "frames" && rest.frames.map((f) => f.data.state)).toEqual([2, 3]);
    // Frames pruned below what the client saw: it may have missed some, so a snapshot.
    await pool.query("DELETE FROM live_frame WHERE seq <= $1", [afterFirst]);
    expect((await bus.catchUp(room, before)).kind).toBe("snapshot");
  });
});
