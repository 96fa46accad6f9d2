import "../preload";
import { seedDemo } from "@/server/demo/seed-demo";
import { runCli } from "./run-cli";

// npm run seed: fill an empty database (DATABASE_URL, or the embedded one in ONEPOOL_DATA_DIR) with
// the demo brand and 60 days of history, without starting the server. Skipped when SKUs exist.
void runCli(async ({ pool }, env) => {
  await seedDemo({ pool, futureToleranceMs: env.ONEPOOL_FUTURE_TOLERANCE_SECONDS * 1000 });
});
