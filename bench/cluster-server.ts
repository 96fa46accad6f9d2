// `--workers N`: the bench's own server as `npm start` runs it (server/main.ts with ONEPOOL_WORKERS=N,
// a primary forking N workers that share one port; docs/SCALING.md), instead of startServer in the
// bench's process. The server's CPU is then the sum over the primary and its workers.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { freePort } from "@/server/net/free-port";

export interface ClusterServer {
  url: string;
  /** The primary and its worker processes, for GroupCpu. */
  pids: () => number[];
  stop(): Promise<void>;
}

/** Direct children of `pid` (from /proc; Linux only, like the rest of the bench's CPU accounting). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Answers once every worker listens: a GET of /api/events is the ingest route's 405, served without Next. */
const probe = (url: string) =>
  new Promise<string | undefined>((resolve) => {
    const req = http.get(`${url}/api/events`, { agent: false, headers: { connection: "close" } }, (res) => {
      res.resume();
      resolve(res.statusCode === 405 ? (res.headers["x-onepool-worker"] as string | undefined) : undefined);
    });
    req.on("error", () => resolve(undefined));
    req.setTimeout(2000, () => req.destroy());
  });

export async function startClusterServer(env: NodeJS.ProcessEnv, workers: number, log: (m: string) => void): Promise<ClusterServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "server", "main.ts"), "--no-next"], {
    env: { ...process.env, ...env, PORT: String(port), ONEPOOL_WORKERS: String(workers), ONEPOOL_LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  // Every worker answering at least once (node:cluster hands connections round-robin).
  const seen = new Set<string>();
  const deadline = Date.now() + 60_000;
  while (seen.size < workers) {
    if (exited) throw new Error("the cluster server exited before it served (its errors are above)");
    if (Date.now() > deadline) throw new Error(`the cluster server did not answer from ${workers} workers within 60 s (saw ${seen.size})`);
    const w = await probe(url);
    if (w) seen.add(w);
    else await new Promise((r) => setTimeout(r, 200));
  }
  log(`cluster server: a primary (pid ${child.pid}) and ${workers} workers (pids ${[...seen].join(", ")}) on ${url}`);
  const primary = child.pid!;
  return {
    url,
    pids: () => (exited ? [] : [primary, ...childrenOf(primary)]),
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
