import { z } from "zod";
import { AGING_BUCKETS } from "@/lib/reconciliation/aging";
import { jsonError, readQuery, route } from "@/server/http/route-helpers";
import { locationIdOf, periodFields, periodOf } from "@/server/http/reconciliation-query";
import { decodeCursor, getReconciliationLines } from "@/server/queries/get-reconciliation";
import { getServices } from "@/server/services";

const query = z
  .object({
    ...periodFields,
    location: z.string().min(1).max(100).optional(),
    bucket: z.enum(AGING_BUCKETS).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** The counted lines behind a matrix cell: largest value first (lines without a unit cost last), then largest variance. */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const period = periodOf(parsed.query);
  if (!period.ok) return period.response;
  const loc = locationIdOf(parsed.query.location);
  if (!loc.ok) return loc.response;
  const cursor = parsed.query.cursor === undefined ? null : decodeCursor(parsed.query.cursor);
  if (parsed.query.cursor !== undefined && cursor === null) return jsonError(400, "invalid_field", "cursor: not a cursor from a previous page", { field: "cursor" });
  return Response.json(
    await getReconciliationLines(getServices().pool, { from: period.from, to: period.to, locationId: loc.id, bucket: parsed.query.bucket ?? null, limit: parsed.query.limit, cursor }),
  );
});
