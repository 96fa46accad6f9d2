import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { setLogLevel, tapLogLines } from "@/server/log/logger";
import { routeStandIn } from "../support/route-stand-in";
import { ev, startTestServer, TEST_TOKEN, uniqueCatalog, type TestServer } from "../support/test-server";
import { until } from "../support/until";

// Issue 17, "Operating it": structured JSON logs (pino) with a request id on every line of a request,
// levels from env, never a secret or a token.

let server: TestServer;
const lines: Record<string, unknown>[] = [];
let untap: () => void;
let raw = "";

beforeAll(async () => {
  setLogLevel("debug");
  untap = tapLogLines((line) => {
    raw += line;
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  server = await startTestServer(inject("databaseUrl"), {}, { nextHandler: routeStandIn() });
});

afterAll(async () => {
  untap?.();
  setLogLevel("warn");
  await server?.stop();
});

/** Lines for a request id, once its answer line is written (after the response is sent). */
async function linesOf(requestId: string): Promise<Record<string, unknown>[]> {
  await until(`the answer line of ${requestId}`, () => lines.some((l) => l.requestId === requestId && l.msg === "answered"), 2000, 20);
  return lines.filter((l) => l.requestId === requestId);
}

describe("logs", () => {
  it("every line of a request carries its id; a client's plain id is kept and echoed, a forged one replaced", async () => {
    const stolen = "op_not_a_real_token_but_secret_looking_0123456789";
    const res = await fetch(`${server.url}/api/events`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${stolen}`, "x-request-id": "req-logs-1" },
      body: "[]",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBe("req-logs-1");
    const mine = await linesOf("req-logs-1");
    expect(mine).toContainEqual(expect.objectContaining({ level: 30, component: "http", method: "POST", path: "/api/events", status: 401, msg: "answered" }));
    expect(typeof mine[0].time).toBe("number");

    const forged = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": 'spoofed id {"level":60}' } });
    const id = forged.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await linesOf(id)).map((l) => l.path)).toEqual(["/api/health"]);
    expect(raw).not.toContain(stolen);
  });

  it("a failed sign-in is a warning with the account and address, inside its request, and never the password", async () => {
    const password = "correct horse battery staple 1x";
    const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-request-id": "req-logs-2" },
      body: JSON.stringify({ email: "nobody-logs@example.com", password }),
    });
    expect(res.status).toBe(401);
    const mine = await linesOf("req-logs-2");
    expect(mine).toContainEqual(expect.objectContaining({ level: 40, component: "security", email: "nobody-logs@example.com", msg: "failed sign-in" }));
    expect(mine.at(-1)).toMatchObject({ msg: "answered", status: 401 });
    expect(raw).not.toContain(password);
  });

  it("connector traffic answered 2xx is debug, so info-level logs are not one line per event", async () => {
    const c = uniqueCatalog({ locations: [{ code: "wh" }] });
    await server.catalog(c.input);
    const res = await fetch(`${server.url}/api/events`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}`, "x-request-id": "req-logs-3" },
      body: JSON.stringify([ev({ type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1 })]),
    });
    expect(res.status).toBeLessThan(300);
    expect(await linesOf("req-logs-3")).toContainEqual(expect.objectContaining({ level: 20, path: "/api/events", msg: "answered" }));
    expect(raw).not.toContain(TEST_TOKEN);
  });

  it("censors a credential a caller passes by mistake", async () => {
    const { loggerFor } = await import("@/server/log/logger");
    loggerFor("test").warn({ token: "op_leak_me_please", headers: { authorization: "Bearer op_leak_me_too" } }, "careless");
    expect(raw).not.toContain("op_leak_me");
    expect(lines.at(-1)).toMatchObject({ token: "[redacted]", headers: { authorization: "[redacted]" }, msg: "careless" });
  });
});

describe("level and format from env", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "-e", 'require("./server/preload"); const { logger } = require("./server/log/logger"); logger.info("quiet"); logger.warn({ n: 1 }, "loud");'], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("ONEPOOL_LOG_LEVEL=warn drops info; json is one object a line", () => {
    const r = run({ ONEPOOL_LOG_LEVEL: "warn", ONEPOOL_LOG_FORMAT: "json" });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toEqual([expect.objectContaining({ level: 40, n: 1, msg: "loud" })]);
  });

  it("pretty is readable lines, not JSON (what `npm run demo` shows in a terminal)", () => {
    const r = run({ ONEPOOL_LOG_LEVEL: "info", ONEPOOL_LOG_FORMAT: "pretty" });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.trim().split("\n");
    expect(out).toHaveLength(2);
    expect(out[1]).toMatch(/WARN.*loud/);
    expect(() => JSON.parse(out[1])).toThrow();
  });
});
