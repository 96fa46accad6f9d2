import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOnOwnDatabase } from "../support/own-database";
import { routeStandIn } from "../support/route-stand-in";
import type { TestServer } from "../support/test-server";
import { until } from "../support/until";

// Security review finding 1: a chunked body is counted while it streams, on every route, and the
// answer (413) goes out while the client is still sending; the connection is then closed instead
// of being drained. Real HTTP over loopback, the real route handlers behind the custom server.

let server: TestServer;
beforeAll(async () => {
  server = await startOnOwnDatabase(
    "onepool_body",
    {},
    {
      nextHandler: routeStandIn({
        // A handler with no cap of its own: only the custom server's ceiling protects it.
        "/api/test/slurp": { POST: async (req: Request) => Response.json({ length: (await req.text()).length }) },
      }),
    },
  );
});
afterAll(() => server?.stop());

interface Flood {
  status: number | null;
  /** Body bytes written when the first byte of the answer arrived. */
  sentWhenAnswered: number | null;
  sentTotal: number;
  /** Whether the server closed the connection (FIN or reset) before the client stopped. */
  closedByServer: boolean;
  msAfterAnswerToClose: number | null;
}

/** Send `head` then an endless chunked body (up to `max` bytes), as fast as the socket takes it. */
async function flood(port: number, head: string, max = 256 * 1024 * 1024): Promise<Flood> {
  const sock = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => sock.once("connect", resolve).once("error", reject));
  let answer = "";
  let sent = 0;
  let sentWhenAnswered: number | null = null;
  let answeredAt = 0;
  let closedAt = 0;
  let closed = false;
  sock.on("data", (d: Buffer) => {
    if (sentWhenAnswered === null) {
      sentWhenAnswered = sent;
      answeredAt = Date.now();
    }
    answer += d.toString("latin1");
  });
  const onClose = () => {
    if (!closed) closedAt = Date.now();
    closed = true;
  };
  sock.on("end", onClose).on("close", onClose).on("error", onClose);
  sock.write(head);
  const data = Buffer.concat([Buffer.from('{"email":"'), Buffer.alloc(64 * 1024, "x")]);
  const chunk = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
  while (!closed && sent < max) {
    sent += chunk.length;
    if (!sock.write(chunk)) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 10_000);
        const done = () => {
          clearTimeout(t);
          resolve();
        };
        sock.once("drain", done).once("close", done).once("error", done).once("end", done);
      });
    }
  }
  const closedByServer = closed;
  sock.destroy();
  const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
  if (process.env.DEBUG_FLOOD) console.log(answer.slice(0, 400));
  return { status: m ? Number(m[1]) : null, sentWhenAnswered, sentTotal: sent, closedByServer, msAfterAnswerToClose: closedByServer && answeredAt ? closedAt - answeredAt : null };
}

const chunkedPost = (path: string, extra = "") =>
  `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\norigin: http://127.0.0.1\r\ntransfer-encoding: chunked\r\n${extra}\r\n`;

function expectRefusedEarly(r: Flood) {
  expect(r.status).toBe(413);
  // Answered while sending: at most what loopback socket buffers hold, far from the 256 MiB body.
  expect(r.sentWhenAnswered).not.toBeNull();
  expect(r.sentWhenAnswered!).toBeLessThan(32 * 1024 * 1024);
  // And the connection is closed soon after (a short linger so the client can read the 413), not drained.
  expect(r.closedByServer).toBe(true);
  expect(r.msAfterAnswerToClose!).toBeLessThan(5000);
  expect(r.sentTotal).toBeLessThan(128 * 1024 * 1024);
}

describe("request bodies are capped while they stream", () => {
  it("POST /api/setup: an endless chunked body gets 413 before the client is done, and no admin is created", async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    expectRefusedEarly(await flood(server.port, chunkedPost("/api/setup")));
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect((await server.services.pool.query("SELECT count(*)::int AS n FROM app_user")).rows[0].n).toBe(0);
  });

  it("POST /api/auth/sign-in/email: the same, before better-auth or the limiter reads anything", async () => {
    expectRefusedEarly(await flood(server.port, chunkedPost("/api/auth/sign-in/email")));
  });

  it("a route that would read without a cap is stopped by the custom server's ceiling", async () => {
    expectRefusedEarly(await flood(server.port, chunkedPost("/api/test/slurp")));
  });

  it("a declared Content-Length over the ceiling is refused before the request reaches a route", async () => {
    const r = await flood(server.port, `POST /api/setup HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000000000\r\n\r\n`, 64 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.closedByServer).toBe(true);
    // The catalogue import has its own, larger ceiling: 8 MiB declared reaches the route (401: no token) ...
    const catalog = await fetch(`${server.url}/api/catalog`, { method: "PUT", headers: { "content-type": "application/json" }, body: Buffer.alloc(8 * 1024 * 1024, " ") });
    expect(catalog.status).toBe(401);
    // ... 17 MiB does not.
    const tooBig = await flood(server.port, `PUT /api/catalog HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${17 * 1024 * 1024}\r\n\r\n`, 32 * 1024 * 1024);
    expect(tooBig.status).toBe(413);
  });

  it("an answer given before the body was read says Connection: close, so a keep-alive client does not reuse the socket it resets", async () => {
    const sock = net.connect(server.port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => sock.once("connect", resolve).once("error", reject));
    let got = "";
    sock.on("data", (d) => (got += d.toString("latin1")));
    // A declared body that never comes: the reservation guard answers 401 without reading it.
    sock.write(`POST /api/reservations HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 50000\r\n\r\n{"nope":`);
    await until("the answer", () => got.includes("\r\n\r\n"));
    sock.destroy();
    expect(got).toMatch(/^HTTP\/1\.1 401/);
    expect(got.toLowerCase()).toContain("connection: close");
  });

  it("small bodies still work, chunked or not, and the connection stays usable", async () => {
    const body = JSON.stringify({ email: "first@example.com", name: "First", password: "correct horse battery", setupCode: server.services.setupCode });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        c.enqueue(new TextEncoder().encode(body.slice(10)));
        c.close();
      },
    });
    const created = await fetch(`${server.url}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    expect(created.status).toBe(201);
    const again = await fetch(`${server.url}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(again.status).toBe(409);
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: "first@example.com", password: "correct horse battery" }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get("set-cookie")).toMatch(/session_token/);
  });
});
