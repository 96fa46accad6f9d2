import { z } from "zod";
import { dueCsv } from "@/lib/reconciliation/due-csv";
import { queryRoute } from "@/server/http/route-helpers";
import { locationIdOf } from "@/server/http/reconciliation-query";
import { getCountCoverage } from "@/server/queries/get-count-coverage";
import { getServices } from "@/server/services";

const querySchema = z
  .object({ location: z.string().min(1).max(100).optional(), format: z.enum(["json", "csv"]).default("json"), limit: z.coerce.number().int().min(1).max(100_000).default(200) })
  .strict();

/** docs/RECONCILIATION.md#numbers count coverage per location and the due list (what to count next); format=csv exports the due list. */
export const GET = queryRoute("stock.read", querySchema, async ({ query }) => {
  const loc = locationIdOf(query.location);
  if (!loc.ok) return loc.response;
  const coverage = await getCountCoverage(getServices().pool, { locationId: loc.id, limit: query.limit });
  if (query.format === "csv") {
    const name = `count-due-${query.location ?? "all"}-${new Date().toISOString().slice(0, 10)}.csv`.replace(/[^\w.-]/g, "_");
    return new Response(dueCsv(coverage.due), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
  }
  return Response.json(coverage);
});
