import { z } from "zod";
import { readQuery, route, skuNotFound } from "@/server/http/route-helpers";
import { getSourcesSaid } from "@/server/queries/get-drift";
import { getServices } from "@/server/services";

/** Per location, the latest absolute each source sent for this SKU (trusted or not) next to the pool. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const parsed = await readQuery(req, z.object({}).strict());
  if (!parsed.ok) return parsed.response;
  const { code } = await ctx.params;
  const missing = await skuNotFound(code);
  if (missing) return missing;
  const { pool } = getServices();
  const sku = await pool.query<{ id: number }>("SELECT id FROM sku WHERE code = $1", [code]);
  return Response.json(await getSourcesSaid(pool, sku.rows[0].id));
});
