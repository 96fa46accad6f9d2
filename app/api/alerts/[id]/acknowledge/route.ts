import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { acknowledgeAlert } from "@/server/alerts/acknowledge-alert";
import { getServices } from "@/server/services";

/** Anyone who reads alerts may acknowledge one (docs/ALERTS.md); audited. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "alerts.read");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  if (!/^\d{1,18}$/.test(id)) return jsonError(404, "not_found", `no alert ${id}`);
  return Response.json(await acknowledgeAlert(getServices().pool, id, auth.actor));
});
