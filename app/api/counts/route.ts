import { z } from "zod";
import { openCountSchema } from "@/lib/contracts/counts";
import { openCount } from "@/server/counts/open-count";
import { bodyRoute, queryRoute } from "@/server/http/route-helpers";
import { getCounts } from "@/server/queries/get-counts";
import { getServices } from "@/server/services";

const listQuery = z.object({ status: z.enum(["open", "in_review", "approved", "cancelled"]).optional(), location: z.string().trim().min(1).max(100).optional() }).strict();

/** Counts, newest first (docs/RECONCILIATION.md#numbers). */
export const GET = queryRoute("stock.read", listQuery, async ({ query }) => Response.json({ counts: await getCounts(getServices().pool, query) }));

/** Open a count for a location and a selection: 201 with the SKUs it expects. */
export const POST = bodyRoute("counts.write", openCountSchema, 256 * 1024, async ({ data, actor }) => Response.json(await openCount(getServices().pool, data, actor), { status: 201 }));
