import "../preload";
import { parseArgs } from "node:util";
import { scorecardCsv } from "@/lib/scorecard/scorecard-csv";
import { isoWeekLabel } from "@/lib/scorecard/week-param";
import { lastCompleteWeek, weekRange } from "@/lib/time/iso-week";
import { getRevisedAt } from "@/server/scorecard/get-revision";
import { getScorecard } from "@/server/scorecard/get-scorecard";
import { runCli } from "./run-cli";

// npm run scorecard                          the last complete week as the API's JSON (stdout)
// npm run scorecard -- --week 2026-W48       that week
// npm run scorecard -- --format csv          as the API's CSV
// A week revised by late events is noted on stderr, so stdout stays exactly the API's answer.
const { values } = parseArgs({ options: { week: { type: "string" }, format: { type: "string", default: "json" } } });

// Bad arguments are refused before connecting to anything.
const problem =
  values.format !== "json" && values.format !== "csv"
    ? `--format: expected json or csv, got "${values.format}"`
    : values.week !== undefined
      ? isoWeekLabel(values.week) && `--week: ${isoWeekLabel(values.week)}`
      : null;

if (problem) {
  console.error(problem);
  process.exit(2);
}

void runCli(async ({ pool }, env) => {
  const tz = env.ONEPOOL_TIMEZONE;
  const week = values.week ?? lastCompleteWeek(Date.now(), tz);
  const card = await getScorecard(pool, { week, timezone: tz });
  process.stdout.write(values.format === "csv" ? scorecardCsv(card) : `${JSON.stringify(card, null, 2)}\n`);
  const { from, to } = weekRange(week, tz);
  const revisedAt = await getRevisedAt(pool, from, to);
  if (revisedAt) console.error(`${week} was revised at ${revisedAt.toISOString()}: events that occurred in it arrived after it ended.`);
});
