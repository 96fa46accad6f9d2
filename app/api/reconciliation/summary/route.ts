import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { getReconciliationSummary } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

/** The dashboard tile: reconciliation variance of the last 30 days (the same shape the overview frame carries). */
export const GET = queryRoute("stock.read", z.object({}).strict(), async () => Response.json(await getReconciliationSummary(getServices().pool)));
