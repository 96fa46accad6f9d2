import "../preload";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import { allSkuIds, publishSkus } from "@/server/publishing/publish-skus";
import { loadAllocationContext } from "@/server/queries/load-allocation-context";
import { prepareAllSkuWeeks } from "@/server/scorecard/prepare-sku-weeks";
import { rebuildScorecardRollups } from "@/server/scorecard/rebuild-scorecard-rollups";
import { runCli } from "./run-cli";

// npm run rebuild            replay the ledger into every projection (stock levels, effects, sales),
//                            then recompute every stored published number from them, and the
//                            scorecard's rollups (docs/SCORECARD.md, "Rollups") and every SKU's kept
//                            weeks in ONEPOOL_TIMEZONE (one replay per SKU), so no read replays them
// npm run rebuild -- --check only compare the replay with the live projection; exit 1 if they differ
const check = process.argv.includes("--check");

void runCli(async ({ pool }, env) => {
  const r = await rebuildProjections(pool, { write: !check });
  console.log(`${r.events} events replayed into ${r.levels} (SKU, location) levels.`);
  // Published numbers follow from the levels just checked or rebuilt, and from the rules and pauses.
  const published = await publishSkus(pool, await loadAllocationContext(pool), await allSkuIds(pool), undefined, { write: !check });
  if (!check) {
    await rebuildScorecardRollups(pool);
    console.log("Scorecard rollups rebuilt from the ledger.");
    const started = performance.now();
    const skus = await prepareAllSkuWeeks(pool, env.ONEPOOL_TIMEZONE);
    console.log(`Scorecard weeks kept for ${skus} SKU(s) in ${env.ONEPOOL_TIMEZONE} (${((performance.now() - started) / 1000).toFixed(1)} s).`);
  }
  if (published.length) console.log(`${published.length} SKU(s) had stored published numbers that ${check ? "differ from" : "were corrected to"} the rules applied to their stock.`);
  if (r.differences.length === 0) {
    console.log(check ? "The live projection equals the replay." : "Rebuilt; the live projection already equalled the replay.");
  } else {
    console.log(`${r.differences.length} level(s) ${check ? "differ" : "were corrected"}:`);
    for (const d of r.differences.slice(0, 20)) console.log(`  ${d.sku} @ ${d.location}: live ${JSON.stringify(d.live)} → replay ${JSON.stringify(d.replay)}`);
  }
  if (check && (r.differences.length || published.length)) process.exitCode = 1;
});
