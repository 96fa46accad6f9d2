import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { periodFields, periodOf } from "@/server/http/reconciliation-query";
import { getReconciliationMatrix } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

const querySchema = z.object(periodFields).strict();

/** docs/RECONCILIATION.md#numbers, docs/API.md: the location × aging matrix of reconciliation variance for a period (default the last 30 days). */
export const GET = queryRoute("stock.read", querySchema, async ({ query }) => {
  const period = periodOf(query);
  if (!period.ok) return period.response;
  return Response.json(await getReconciliationMatrix(getServices().pool, period.from, period.to));
});
