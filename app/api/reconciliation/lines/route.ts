import { z } from "zod";
import { AGING_BUCKETS } from "@/lib/reconciliation/aging";
import { jsonError, queryRoute } from "@/server/http/route-helpers";
import { locationIdOf, periodFields, periodOf } from "@/server/http/reconciliation-query";
import { decodeCursor, getReconciliationLines } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

const querySchema = z
  .object({
    ...periodFields,
    location: z.string().min(1).max(100).optional(),
    bucket: z.enum(AGING_BUCKETS).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** The counted lines behind a matrix cell: largest value first (lines without a unit cost last), then largest variance. */
export const GET = queryRoute("stock.read", querySchema, async ({ query }) => {
  const period = periodOf(query);
  if (!period.ok) return period.response;
  const loc = locationIdOf(query.location);
  if (!loc.ok) return loc.response;
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && cursor === null) return jsonError(400, "invalid_field", "cursor: not a cursor from a previous page", { field: "cursor" });
  return Response.json(await getReconciliationLines(getServices().pool, { from: period.from, to: period.to, locationId: loc.id, bucket: query.bucket ?? null, limit: query.limit, cursor }));
});
