import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { getPublishedExplanation } from "@/server/queries/get-published-explanation";
import { getServices } from "@/server/services";

/** Why each channel shows what it shows for this SKU (docs/CHANNEL-RULES.md explanation). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const auth = await authorize(req, "stock.read");
  if (!auth.ok) return auth.response;
  // Next hands params over decoded: decoding again broke codes holding "%" (a 500) or "%20".
  const { code } = await ctx.params;
  const r = await getPublishedExplanation(getServices().pool, code);
  return r ? Response.json(r) : jsonError(404, "not_found", `no SKU with code "${code}"`);
});
