import "@/server/preload";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";

// An embedded Postgres owned by this process, for a test to kill -9 (the orphan it leaves).
// Prints "ready <port>" once it serves.
startEmbeddedPostgres(process.argv[2], Number(process.argv[3]), () => {}).then(
  (db) => {
    console.log(`ready ${db.port}`);
    setInterval(() => {}, 60_000);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
