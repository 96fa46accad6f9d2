import { z } from "zod";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import { readQuery, route } from "@/server/http/route-helpers";
import { getDrift } from "@/server/queries/get-drift";
import { getServices } from "@/server/services";

const query = z.object({ sku: z.string().min(1).max(200).optional(), source: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) }).strict();

/** docs/RECONCILIATION.md#drift, docs/API.md: open drifts of untrusted sources and the per-source summary. */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const { sku, source, limit } = parsed.query;
  const services = getServices();
  const skuId = sku === undefined ? undefined : await requireCatalogId(services.pool, "sku", sku, { code: "invalid_field", message: `sku: no SKU "${sku}"` });
  return Response.json(await getDrift(services.pool, { skuId, source, limit }));
});
