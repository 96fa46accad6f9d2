import { z } from "zod";
import { openCountSchema } from "@/lib/contracts/counts";
import { openCount } from "@/server/counts/open-count";
import { readAuthorizedBody, readQuery, route } from "@/server/http/route-helpers";
import { getCounts } from "@/server/queries/get-counts";
import { getServices } from "@/server/services";

const listQuery = z.object({ status: z.enum(["open", "in_review", "approved", "cancelled"]).optional(), location: z.string().trim().min(1).max(100).optional() }).strict();

/** Counts, newest first (docs/RECONCILIATION.md#numbers). */
export const GET = route(async (req: Request) => {
  const q = await readQuery(req, listQuery);
  if (!q.ok) return q.response;
  return Response.json({ counts: await getCounts(getServices().pool, q.query) });
});

/** Open a count for a location and a selection: 201 with the SKUs it expects. */
export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "counts.write", openCountSchema, 256 * 1024);
  if (!parsed.ok) return parsed.response;
  return Response.json(await openCount(getServices().pool, parsed.data, parsed.actor), { status: 201 });
});
