import { authorize, readAuthorizedBody, route } from "@/server/http/route-helpers";
import { outboundInput } from "@/lib/contracts/outbound";
import { deleteOutbound, getOutbound, registerOutbound } from "@/server/outbound/save-outbound";
import { getServices } from "@/server/services";

type Ctx = { params: Promise<{ code: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  return Response.json(await getOutbound(getServices().pool, (await ctx.params).code));
});

/** Register or change where the channel's published numbers are pushed; every listed SKU's number is queued. */
export const PUT = route(async (req: Request, ctx: Ctx) => {
  const parsed = await readAuthorizedBody(req, "connectors.manage", outboundInput, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  return Response.json(await registerOutbound(getServices(), (await ctx.params).code, parsed.data, parsed.actor));
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "connectors.manage");
  if (!auth.ok) return auth.response;
  return Response.json(await deleteOutbound(getServices().pool, (await ctx.params).code, auth.actor));
});
