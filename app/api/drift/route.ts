import { z } from "zod";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import { queryRoute } from "@/server/http/route-helpers";
import { getDrift } from "@/server/queries/get-drift";
import { getServices } from "@/server/services";

const querySchema = z.object({ sku: z.string().min(1).max(200).optional(), source: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) }).strict();

/** docs/RECONCILIATION.md#drift, docs/API.md: open drifts of untrusted sources and the per-source summary. */
export const GET = queryRoute("stock.read", querySchema, async ({ query: { sku, source, limit } }) => {
  const services = getServices();
  const skuId = sku === undefined ? undefined : await requireCatalogId(services.pool, "sku", sku, { code: "invalid_field", message: `sku: no SKU "${sku}"` });
  return Response.json(await getDrift(services.pool, { skuId, source, limit }));
});
