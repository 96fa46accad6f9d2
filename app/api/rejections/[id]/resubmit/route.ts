import { resubmitRejection } from "@/server/connectors/resubmit-rejection";
import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  if (!/^\d{1,18}$/.test(id)) return jsonError(404, "not_found", `no rejected event ${id}`);
  return Response.json(await resubmitRejection(getServices(), id, auth.actor));
});
