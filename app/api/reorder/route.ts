import { z } from "zod";
import { REORDER_SHOWS, reorderCsv } from "@/lib/reorder/reorder-rows";
import { queryRoute } from "@/server/http/route-helpers";
import { getReorder } from "@/server/reorder/get-reorder";
import { getServices } from "@/server/services";

const querySchema = z
  .object({ show: z.enum(REORDER_SHOWS).default("reorder"), format: z.enum(["json", "csv"]).default("json"), limit: z.coerce.number().int().min(1).max(100_000).default(1_000) })
  .strict();

/** The Reorder view (issue 17, docs/ALERTS.md): SKUs to buy, most urgent first; format=csv for the buyer. */
export const GET = queryRoute("reorder.read", querySchema, async ({ query: { show, format, limit } }) => {
  const services = getServices();
  const view = await getReorder(services.pool, { show, limit, envSafetyDays: services.env.ONEPOOL_SAFETY_DAYS });
  if (format === "csv") {
    const name = `reorder-${show}-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(reorderCsv(view.rows), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
  }
  return Response.json(view);
});
