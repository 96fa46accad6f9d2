import { adminErrorResponse } from "@/server/http/admin-error-response";
import { authorize, readBody, route } from "@/server/http/route-helpers";
import { deleteOutbound, getOutbound, outboundInput, registerOutbound } from "@/server/outbound/save-outbound";
import { getServices } from "@/server/services";

type Ctx = { params: Promise<{ code: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await getOutbound(getServices().pool, (await ctx.params).code));
  } catch (err) {
    return adminErrorResponse(err);
  }
});

/** Register or change where the channel's published numbers are pushed; every listed SKU's number is queued. */
export const PUT = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  const parsed = await readBody(req, outboundInput, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  try {
    return Response.json(await registerOutbound(getServices(), (await ctx.params).code, parsed.data, auth.actor));
  } catch (err) {
    return adminErrorResponse(err);
  }
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await deleteOutbound(getServices().pool, (await ctx.params).code, auth.actor));
  } catch (err) {
    return adminErrorResponse(err);
  }
});
