import "../preload";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { runCli } from "./run-cli";

// npm run rebuild            replay the ledger into every projection (stock levels, effects, sales)
// npm run rebuild -- --check only compare the replay with the live projection; exit 1 if they differ
const check = process.argv.includes("--check");

void runCli(async ({ pool }) => {
  const r = await rebuildProjections(pool, { write: !check });
  console.log(`${r.events} events replayed into ${r.levels} (SKU, location) levels.`);
  if (r.differences.length === 0) {
    console.log(check ? "The live projection equals the replay." : "Rebuilt; the live projection already equalled the replay.");
    return;
  }
  console.log(`${r.differences.length} level(s) ${check ? "differ" : "were corrected"}:`);
  for (const d of r.differences.slice(0, 20)) console.log(`  ${d.sku} @ ${d.location}: live ${JSON.stringify(d.live)} → replay ${JSON.stringify(d.replay)}`);
  if (check) process.exitCode = 1;
});
