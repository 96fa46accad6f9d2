import { z } from "zod";
import { scorecardCsv } from "@/lib/scorecard/scorecard-csv";
import { jsonError, queryRoute } from "@/server/http/route-helpers";
import { getScorecard } from "@/server/scorecard/get-scorecard";
import { READ_REPLAY_LIMIT, ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { scorecardWeek } from "@/server/scorecard/scorecard-week";
import { getServices } from "@/server/services";

const querySchema = z.object({ week: z.string().max(20).optional(), format: z.enum(["json", "csv"]).default("json") }).strict();

/** docs/SCORECARD.md#figures, docs/API.md: the weekly scorecard (default the last complete week) as JSON, or CSV with `format=csv`. */
export const GET = queryRoute("scorecard.read", querySchema, async ({ query }) => {
  // The read pool: its statements are time-limited, so a heavy week cannot hold a connection forever.
  const { readPool: pool, env } = getServices();
  const week = scorecardWeek(query.week, env.ONEPOOL_TIMEZONE);
  if (!week.ok) return week.response;
  let card: Awaited<ReturnType<typeof getScorecard>>;
  try {
    card = await getScorecard(pool, { week: week.week, timezone: env.ONEPOOL_TIMEZONE, maxReplay: READ_REPLAY_LIMIT });
  } catch (err) {
    // The per-SKU weeks are still being prepared in the background (a fresh start, a migration, a
    // new week just closed): say so, with how far it is, instead of replaying the ledger into the read timeout.
    if (err instanceof ScorecardPreparingError) {
      return jsonError(
        503,
        "scorecard_preparing",
        `The scorecard is being prepared (${err.progress.step === "weeks" ? "weekly figures" : "oversold lines"}): ${err.progress.done} of ${err.progress.total} SKUs done. Retry shortly.`,
        { progress: err.progress },
        { "retry-after": "5" },
      );
    }
    throw err;
  }
  if (query.format === "json") return Response.json(card);
  return new Response(scorecardCsv(card), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="onepool-scorecard-${card.week}.csv"` },
  });
});
