import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { getPublishedExplanation } from "@/server/queries/get-published-explanation";
import { getServices } from "@/server/services";

/** Why each channel shows what it shows for this SKU (docs/CHANNEL-RULES.md explanation). */
export const GET = authorizedRoute("stock.read", async (_, { code }: { code: string }) => {
  const r = await getPublishedExplanation(getServices().pool, code);
  return r ? Response.json(r) : jsonError(404, "not_found", `no SKU with code "${code}"`);
});
