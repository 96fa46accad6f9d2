import "../../server/preload";
import { loadSecretKey, SecretBox } from "@/server/connectors/secret-box";
import { seedDemo } from "@/demo/seed-demo";
import { runCli } from "@/server/cli/run-cli";

// npm run seed: fill an empty database (DATABASE_URL, or the embedded one in ONEPOOL_DATA_DIR) with
// the demo brand, its connector sources and 120 days of history, without starting the server. The
// catalogue and history are skipped when SKUs exist; the demo sources are (re-)registered either way.
// Source secrets are sealed with the key the server will use (ONEPOOL_SECRET_KEY, or the one in
// ONEPOOL_DATA_DIR), so run it with the same environment as the server.
void runCli(async ({ pool }, env) => {
  const { key } = await loadSecretKey(env.ONEPOOL_SECRET_KEY, env.ONEPOOL_DATA_DIR);
  await seedDemo({ pool, box: new SecretBox(key), futureToleranceMs: env.ONEPOOL_FUTURE_TOLERANCE_SECONDS * 1000 });
});
