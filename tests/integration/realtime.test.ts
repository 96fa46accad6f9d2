import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createConnectorToken } from "@/server/auth/connector-tokens";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { inTransaction } from "@/server/db/in-transaction";
import { createPerson } from "@/server/people/create-person";
import { updatePerson } from "@/server/people/update-person";
import { MAX_ROOMS_PER_SOCKET } from "@/server/realtime/hub";
import { createRule } from "@/server/rules/save-rule";
import { openSocket, stopWithSockets, subscribe } from "../support/live-socket";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";

interface Frame {
  room: string;
  seq: number;
  data: { rows?: { code: string; availableReal: number; lastSeq: string }[]; sku?: { code: string; availableReal: number }; refresh?: true };
}

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => stopWithSockets(server, sockets));

const connect = (token: string | null = TEST_TOKEN) => openSocket(server.url, { token }, sockets);

function nextFrame(s: Socket, match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("no matching frame")), timeoutMs);
    const on = (f: Frame) => {
      if (!match(f)) return;
      clearTimeout(t);
      s.off("frame", on);
      resolve(f);
    };
    s.on("frame", on);
  });
}

describe("live frames", () => {
  it("a committed event reaches overview and SKU subscribers with the new numbers", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    const sku = c.sku("A");
    const s = await connect();
    expect((await subscribe(s, "overview")).ok).toBe(true);
    expect((await subscribe(s, `sku:${sku}`)).ok).toBe(true);
    // The catalogue change itself also refreshes every dashboard (a frame with the new SKU at 0):
    // wait for the frame that carries the event.
    const overview = nextFrame(s, (f) => f.room === "overview" && !!f.data.rows?.some((r) => r.code === sku && r.lastSeq !== "0"));
    const detail = nextFrame(s, (f) => f.room === `sku:${sku}` && f.data.sku?.availableReal !== 0);
    const res = await server.post(ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 7 }));
    const seq = res.body.results[0].seq as string;
    const row = (await overview).data.rows!.find((r) => r.code === sku)!;
    expect(row.availableReal).toBe(7);
    expect(BigInt(row.lastSeq)).toBe(BigInt(seq));
    expect((await detail).data.sku).toMatchObject({ code: sku, availableReal: 7 });
  });

  it("coalesces a burst into far fewer frames than events, with increasing sequence numbers", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    const sku = c.sku("A");
    const s = await connect();
    await subscribe(s, "overview");
    const frames: Frame[] = [];
    s.on("frame", (f: Frame) => f.data.rows?.some((r) => r.code === sku) && frames.push(f));
    const burst = Array.from({ length: 300 }, () => ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 1 }, 1000));
    await Promise.all(burst.map((e) => server.post(e)));
    await nextFrame(s, (f) => !!f.data.rows?.some((r) => r.code === sku && r.availableReal === 300));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(60);
    const seqs = frames.map((f) => f.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it("a reconnecting client gets the frames it missed, or is told to resync", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    const sku = c.sku("A");
    const first = await connect();
    const { seq: seqAtSubscribe } = await subscribe(first, "overview");
    const seen = nextFrame(first, (f) => !!f.data.rows?.some((r) => r.code === sku));
    await server.post(ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 2 }));
    const lastSeen = (await seen).seq;
    first.close();

    // While away: two more changes.
    await server.post(ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 3 }));
    await new Promise((r) => setTimeout(r, 120));
    await server.post(ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 4 }));
    await new Promise((r) => setTimeout(r, 200));

    const again = await connect();
    const missed: Frame[] = [];
    again.on("frame", (f: Frame) => missed.push(f));
    const ack = await subscribe(again, "overview", lastSeen);
    expect(ack.resync).toBe(false);
    // The away changes' frames come from the catch-up, or, when the builder (under the cluster-wide
    // frame lock) had not numbered them yet at the reconnect, live right after it: either way in order.
    const mineNow = () => missed.filter((f) => f.data.rows?.some((r) => r.code === sku));
    await until(
      "the frame showing all three receipts",
      () =>
        mineNow()
          .at(-1)
          ?.data.rows?.find((r) => r.code === sku)?.availableReal === 9,
    );
    const mine = mineNow();
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.every((f) => f.seq > lastSeen)).toBe(true);
    expect(mine.at(-1)!.data.rows!.find((r) => r.code === sku)!.availableReal).toBe(9);

    // A sequence from before this server started cannot be caught up: snapshot instead.
    const stale = await subscribe(again, "overview", seqAtSubscribe - 10_000_000_000);
    expect(stale.resync).toBe(true);
  });

  it("refuses unknown rooms", async () => {
    const s = await connect();
    expect(await subscribe(s, "everything")).toMatchObject({ ok: false });
  });

  it("a connection joins at most MAX_ROOMS_PER_SOCKET rooms; leaving one makes space", async () => {
    const s = await connect();
    for (let i = 0; i < MAX_ROOMS_PER_SOCKET; i++) expect((await subscribe(s, `sku:ROOMCAP-${i}`)).ok).toBe(true);
    expect(await subscribe(s, "sku:ROOMCAP-one-too-many")).toMatchObject({ ok: false, error: expect.stringContaining("too many rooms") });
    // Joining a room it is already in is no new room.
    expect((await subscribe(s, "sku:ROOMCAP-0")).ok).toBe(true);
    await s.emitWithAck("unsubscribe", { room: "sku:ROOMCAP-1" });
    expect((await subscribe(s, "sku:ROOMCAP-one-too-many")).ok).toBe(true);
  });

  it("nobody connects anonymously, and a token without the read scope joins no room", async () => {
    await expect(connect(null)).rejects.toThrow("unauthenticated");
    await expect(connect("op_not_a_real_token_000000000000000000")).rejects.toThrow("unauthenticated");
    const ingestOnly = await createConnectorToken(server.services.pool, { name: "socket-ingest-only", scopes: ["ingest"] });
    const s = await connect(ingestOnly.token);
    expect(await subscribe(s, "overview")).toMatchObject({ ok: false, error: "forbidden" });
    const reader = await connect(); // the bootstrap token has "read"
    expect(await subscribe(reader, "overview")).toMatchObject({ ok: true });
  });

  it("a person's live connection ends when an admin deactivates them, and cannot come back", async () => {
    const { services } = server;
    const email = `live-${Date.now()}@example.com`;
    const person = await inTransaction(services.pool, (db) => createPerson(db, services.auth, { email, name: "Live", role: "analyst", password: "a long enough password" }, SYSTEM_ACTOR));
    const signIn = await services.auth.handler(
      new Request(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url },
        body: JSON.stringify({ email, password: "a long enough password" }),
      }),
    );
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];

    const s = await openSocket(server.url, { cookie }, sockets);
    expect(await subscribe(s, "overview")).toMatchObject({ ok: true });

    const ended = new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));
    const r = await updatePerson(services.pool, services.auth, person.id, { active: false }, SYSTEM_ACTOR);
    expect(r).toMatchObject({ sessionsEnded: 1, disconnect: true });
    services.hub!.disconnectPerson(person.id);
    expect(await ended).toBe("io server disconnect");

    const again = io(server.url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
    sockets.push(again);
    await expect(
      new Promise((resolve, reject) => {
        again.once("connect", () => resolve("connected"));
        again.once("connect_error", reject);
      }),
    ).rejects.toThrow("unauthenticated");
  });

  it("signing out ends that browser's live connections, not the person's other browsers", async () => {
    const { services } = server;
    const email = `two-browsers-${Date.now()}@example.com`;
    const password = "a long enough password";
    await inTransaction(services.pool, (db) => createPerson(db, services.auth, { email, name: "Two", role: "analyst", password }, SYSTEM_ACTOR));
    const cookieOf = async () => {
      const res = await services.auth.handler(
        new Request(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: server.url }, body: JSON.stringify({ email, password }) }),
      );
      return res.headers.get("set-cookie")!.split(";")[0];
    };
    const [laptop, phone] = [await cookieOf(), await cookieOf()];
    const open = async (cookie: string) => {
      const s = io(server.url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once("connect", () => resolve());
        s.once("connect_error", reject);
      });
      return s;
    };
    const [a, b] = [await open(laptop), await open(phone)];
    const aEnded = new Promise<string>((resolve) => a.once("disconnect", (reason) => resolve(reason)));
    const out = await handleAuthRequest(
      services,
      new Request(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie: laptop }, body: "{}" }),
    );
    expect(out.status).toBe(200);
    expect(await aEnded).toBe("io server disconnect");
    expect(b.connected).toBe(true);
    expect(await subscribe(b, "overview")).toMatchObject({ ok: true });
  });

  it("a change that moves thousands of SKUs at once tells lists to refetch instead of sending every row", async () => {
    const c = uniqueCatalog({ skus: Array.from({ length: 2100 }, (_, i) => `M${i}`) });
    await server.catalog(c.input);
    for (let i = 0; i < 2100; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, 2100 - i) }, (_, j) => ev({ type: "receipt", sku: c.sku(`M${i + j}`), location: c.loc("wh"), quantity: 5 }));
      expect((await server.post(batch)).status).toBe(202);
    }
    await server.services.publisher.settle();
    const s = await connect();
    await subscribe(s, "overview");
    const refresh = nextFrame(s, (f) => "refresh" in f.data, 10_000);
    await createRule(server.services.pool, { channel: c.channel, bufferUnits: 1 }, SYSTEM_ACTOR);
    await server.services.publisher.recomputeAll();
    expect((await refresh).data).toEqual({ refresh: true });
  });
});
