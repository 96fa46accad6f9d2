import { z } from "zod";
import { readQuery, route } from "@/server/http/route-helpers";
import { getReconciliationSummary } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

/** The dashboard tile: reconciliation variance of the last 30 days (the same shape the overview frame carries). */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, z.object({}).strict());
  if (!parsed.ok) return parsed.response;
  return Response.json(await getReconciliationSummary(getServices().pool));
});
