import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrateWithCatalog, scratchDatabase } from "../support/own-database";
import { ev, TEST_SECRET_KEY, TEST_TOKEN, uniqueCatalog } from "../support/test-server";
import { until } from "../support/until";
import { freePort } from "@/server/net/free-port";

// `npm start` with ONEPOOL_WORKERS=2 (issue 18, docs/SCALING.md "One worker per core"): the real
// entry as a child process, two workers on one port, one of them killed, then SIGTERM.

interface Frame {
  room: string;
  seq: number;
  data: { rows?: { code: string; availableReal: number }[]; lag?: unknown };
}
interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse())
    await Promise.resolve()
      .then(c)
      .catch(() => {});
});

/** One request on a connection of its own (no keep-alive), so node:cluster picks a worker for each. */
function request(url: string, method: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: { connection: "close", authorization: `Bearer ${TEST_TOKEN}`, ...(data && { "content-type": "application/json", "content-length": Buffer.byteLength(data) }) },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, worker: res.headers["x-onepool-worker"] as string | undefined, body: text }));
      },
    );
    req.once("error", reject);
    req.end(data);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm start with ONEPOOL_WORKERS=2", () => {
  it("two workers answer on one port, share the data and the live layer, survive a killed worker, and stop cleanly on SIGTERM", { timeout: 150_000 }, async () => {
    const dbUrl = await scratchDatabase("workers_it_cluster", cleanups);
    // Migrations and the catalogue first (no pages in the child: --no-next has no PUT /api/catalog).
    const c = uniqueCatalog({ skus: ["W"] });
    await migrateWithCatalog(dbUrl, c.input);
    const sku = c.sku("W");

    const dataDir = mkdtempSync(path.join(os.tmpdir(), "onepool-workers-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-next"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        ONEPOOL_WORKERS: "2",
        DATABASE_URL: dbUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        ONEPOOL_DATA_DIR: dataDir,
        ONEPOOL_BOOTSTRAP_TOKEN: TEST_TOKEN,
        ONEPOOL_SECRET_KEY: TEST_SECRET_KEY,
        ONEPOOL_LOG_LEVEL: "info",
        ONEPOOL_LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const logLines: { msg?: string; url?: string; worker?: number; signal?: string }[] = [];
    let partial = "";
    child.stdout!.on("data", (d: Buffer) => {
      const lines = (partial + d.toString()).split("\n");
      partial = lines.pop()!;
      for (const line of lines) if (line.startsWith("{")) logLines.push(JSON.parse(line));
    });
    const running = await until(
      "the primary says every worker serves",
      () => {
        if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode} before serving`);
        return logLines.find((l) => l.msg?.startsWith("Onepool is running at") && l.msg.includes("(2 workers)"));
      },
      90_000,
      50,
    );
    const base = `http://127.0.0.1:${port}`;
    expect(running.url).toBe(`http://localhost:${port}`);

    // Two different processes answer, neither of them the primary.
    const seen = new Set<string>();
    await until(
      "answers from two workers",
      async () => {
        const a = await request(`${base}/api/nothing-here`, "GET");
        expect(a.status).toBe(404);
        if (a.worker) seen.add(a.worker);
        return seen.size >= 2;
      },
      20_000,
    );
    const workers = [...seen].map(Number);
    expect(workers).not.toContain(child.pid);
    for (const pid of workers) expect(alive(pid)).toBe(true);

    // A live client (on whichever worker its WebSocket landed) sees events posted through both.
    const socket: Socket = io(base, { transports: ["websocket"], reconnection: false, auth: { token: TEST_TOKEN } });
    cleanups.push(() => socket.close());
    const frames: Frame[] = [];
    socket.on("frame", (f: Frame) => !f.data.lag && frames.push(f));
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    expect(((await socket.emitWithAck("subscribe", { room: "overview" })) as { ok: boolean }).ok).toBe(true);
    const postedBy = new Map<string, { id: string; status: string }>();
    let quantity = 0;
    await until(
      "an event stored through each worker",
      async () => {
        const e = ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 5 }, 1000);
        const a = await request(`${base}/api/events`, "POST", e);
        expect(a.status).toBe(202);
        expect(JSON.parse(a.body).results[0].status).toBe("accepted");
        quantity += 5;
        if (a.worker && !postedBy.has(a.worker)) postedBy.set(a.worker, { id: e.id, status: "accepted" });
        return postedBy.size >= 2;
      },
      20_000,
    );
    await until(`the live row at ${quantity}`, () => frames.some((f) => f.data.rows?.find((r) => r.code === sku)?.availableReal === quantity));
    const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
    cleanups.push(() => pool.end());
    const stored = await pool.query<{ on_hand: number }>(
      "SELECT sl.on_hand FROM stock_level sl JOIN sku s ON s.id = sl.sku_id JOIN location l ON l.id = sl.location_id WHERE s.code = $1 AND l.code = $2",
      [sku, c.loc("wh")],
    );
    expect(stored.rows[0].on_hand).toBe(quantity);

    // Kill one worker: the other keeps answering, and the primary starts a replacement.
    const [victim, survivor] = workers;
    process.kill(victim, "SIGKILL");
    await until("the killed worker gone", () => !alive(victim));
    const afterKill = await request(`${base}/api/nothing-here`, "GET");
    expect(afterKill.status).toBe(404);
    expect(afterKill.worker).toBe(String(survivor));
    const replacement = await until(
      "a new worker answering",
      async () => {
        const a = await request(`${base}/api/nothing-here`, "GET");
        return a.worker && a.worker !== String(survivor) ? Number(a.worker) : undefined;
      },
      60_000,
      100,
    );
    expect(replacement).not.toBe(victim);
    expect(logLines.some((l) => l.worker === victim && l.signal === "SIGKILL" && /starting another/.test(l.msg ?? ""))).toBe(true);
    // The replacement serves the same data: the event stored before the kill is a duplicate there.
    await until(
      "a duplicate answered by the replacement",
      async () => {
        const first = [...postedBy.values()][0];
        const again = await request(`${base}/api/events`, "POST", { ...ev({ type: "receipt", sku, location: c.loc("wh"), quantity: 5 }, 1000), id: first.id });
        expect(again.status).toBe(202);
        return again.worker === String(replacement) && JSON.parse(again.body).results[0].status === "duplicate";
      },
      20_000,
    );

    // SIGTERM on the primary: every worker drains and exits, then the primary exits 0.
    const t0 = Date.now();
    child.kill("SIGTERM");
    const end = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 45_000))]);
    expect(end, "the primary exits within 45 s of SIGTERM").toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(45_000);
    for (const pid of [survivor, replacement]) expect(alive(pid), `worker ${pid} stopped`).toBe(false);
    // Each worker drained (its own lines name it).
    expect(
      logLines
        .filter((l) => /finishing in-flight writes and stopping/.test(l.msg ?? ""))
        .map((l) => l.worker)
        .sort(),
    ).toEqual([survivor, replacement].sort());
  });

  it("a start where no worker can serve (port taken) exits 1 instead of restarting workers forever", { timeout: 90_000 }, async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", () => r()));
    cleanups.push(() => new Promise((r) => taken.close(r)));
    const port = (taken.address() as net.AddressInfo).port;
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--no-next"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        ONEPOOL_WORKERS: "2",
        DATABASE_URL: inject("databaseUrl"),
        PORT: String(port),
        HOST: "127.0.0.1",
        ONEPOOL_SECRET_KEY: TEST_SECRET_KEY,
        ONEPOOL_LOG_LEVEL: "info",
        ONEPOOL_LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const end = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    expect(end).toBe(1);
    expect(out).toMatch(/before any worker served: stopping/);
    expect(out).not.toMatch(/starting another/);
  });
});
