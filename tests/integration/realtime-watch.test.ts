import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { MAX_WATCHED_SKUS, WATCH_PER_SECOND } from "@/lib/realtime/watch";
import { ev, startTestServer, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";
import { openSocket, stopWithSockets } from "../support/live-socket";

// docs/LIVE.md §watch: a viewer that says which SKUs it shows gets overview frames with only their
// rows (live and in the catch-up); a socket that never said keeps getting every row.

interface Frame {
  room: string;
  seq: number;
  data: { rows?: { code: string; availableReal: number }[]; unwatched?: number };
}

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => stopWithSockets(server, sockets));

/** A socket with the test token, and every frame it receives (it receives none before it subscribes). */
async function connect(): Promise<{ s: Socket; frames: Frame[] }> {
  const s = await openSocket(server.url, {}, sockets);
  const frames: Frame[] = [];
  s.on("frame", (f: Frame) => frames.push(f));
  return { s, frames };
}
const rowCodes = (frames: Frame[]) => frames.flatMap((f) => (f.room === "overview" ? (f.data.rows ?? []).map((r) => r.code) : []));
const watch = async (s: Socket, skus: unknown) => {
  const r = (await s.emitWithAck("watch", { skus })) as { ok: boolean; error?: string; rows?: unknown[] };
  return r.ok ? { ok: true } : r;
};

it("a viewer watching A and B receives A's change and not C's; one that never said receives both", async () => {
  const c = uniqueCatalog({ skus: ["A", "B", "C"] });
  await server.catalog(c.input);
  const [a, , cc] = [c.sku("A"), c.sku("B"), c.sku("C")];
  const watcher = await connect();
  const everything = await connect();
  expect(await watch(watcher.s, [a, c.sku("B")])).toEqual({ ok: true });
  await watcher.s.emitWithAck("subscribe", { room: "overview" });
  await everything.s.emitWithAck("subscribe", { room: "overview" });

  // C first, then A: once A's row has arrived, C's frame (numbered before it) has been delivered too.
  await server.post(ev({ type: "receipt", sku: cc, location: c.loc("wh"), quantity: 3 }));
  await server.post(ev({ type: "receipt", sku: a, location: c.loc("wh"), quantity: 7 }));
  await until("A's row reaches the watcher", () => watcher.frames.some((f) => f.data.rows?.some((r) => r.code === a && r.availableReal === 7)));
  await until("both rows reach the socket that watches everything", () => rowCodes(everything.frames).includes(cc) && rowCodes(everything.frames).includes(a));
  expect(rowCodes(watcher.frames)).not.toContain(cc);
  // It still gets a frame for each sequence number (C's receipt's without C's row): catch-up stays
  // gap-free. (Matched on C's new number: the catalogue's own frame carried C's row at 0 too.)
  const cFrame = everything.frames.find((f) => f.data.rows?.some((r) => r.code === cc && r.availableReal === 3))!;
  const watcherAtC = watcher.frames.find((f) => f.seq === cFrame.seq);
  expect(watcherAtC).toBeDefined();
  expect(watcherAtC!.data.rows?.map((r) => r.code) ?? []).not.toContain(cc);
  // And it says a row was left out: C may now belong in the page's window (a new SKU, or a number
  // that moves it into the visible sort range), so the page refetches what it shows. A's frame left none out.
  expect(watcherAtC!.data.unwatched).toBe(1);
  const watcherAtA = watcher.frames.find((f) => f.data.rows?.some((r) => r.code === a && r.availableReal === 7))!;
  expect(watcherAtA.data.unwatched).toBeUndefined();
  expect(everything.frames.every((f) => f.data.unwatched === undefined)).toBe(true);

  // The catch-up after a reconnect is filtered the same way.
  const back = await connect();
  expect(await watch(back.s, [a])).toEqual({ ok: true });
  await back.s.emitWithAck("subscribe", { room: "overview", lastSeq: cFrame.seq - 1 });
  await until("the catch-up carries A's row", () => rowCodes(back.frames).includes(a));
  expect(rowCodes(back.frames)).not.toContain(cc);

  // C scrolls into view: the answer carries its current row (the frames it was left out of said 3).
  const added = (await watcher.s.emitWithAck("watch", { skus: [a, cc] })) as { ok: boolean; rows: { code: string; availableReal: number }[] };
  expect(added.rows.map((r) => [r.code, r.availableReal])).toEqual([[cc, 3]]);

  // Watching everything again (null) brings C's rows back.
  expect(await watch(watcher.s, null)).toEqual({ ok: true });
  await server.post(ev({ type: "receipt", sku: cc, location: c.loc("wh"), quantity: 1 }));
  await until("C's row reaches the watcher after watch(null)", () => watcher.frames.some((f) => f.data.rows?.some((r) => r.code === cc && r.availableReal === 4)));
});

it("refuses a malformed or oversized watch, and more than its rate", async () => {
  const { s } = await connect();
  expect((await watch(s, "A")).ok).toBe(false);
  expect(
    (
      await watch(
        s,
        Array.from({ length: MAX_WATCHED_SKUS + 1 }, (_, i) => `S${i}`),
      )
    ).ok,
  ).toBe(false);
  const answers = await Promise.all(Array.from({ length: WATCH_PER_SECOND + 5 }, () => watch(s, ["A"])));
  expect(answers.filter((r) => !r.ok).length).toBeGreaterThan(0);
  expect(answers.find((r) => !r.ok)?.error).toMatch(/too many/);
});
