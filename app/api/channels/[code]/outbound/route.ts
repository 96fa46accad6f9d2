import { authorizedRoute, bodyRoute } from "@/server/http/route-helpers";
import { outboundInput } from "@/lib/contracts/outbound";
import { deleteOutbound, getOutbound, registerOutbound } from "@/server/outbound/save-outbound";
import { getServices } from "@/server/services";

export const GET = authorizedRoute("connectors.manage", async (_, { code }: { code: string }) => Response.json(await getOutbound(getServices().pool, code)));

/** Register or change where the channel's published numbers are pushed; every listed SKU's number is queued. */
export const PUT = bodyRoute("connectors.manage", outboundInput, 8 * 1024, async ({ data, actor }, { code }: { code: string }) =>
  Response.json(await registerOutbound(getServices(), code, data, actor)),
);

export const DELETE = authorizedRoute("connectors.manage", async ({ actor }, { code }: { code: string }) => Response.json(await deleteOutbound(getServices().pool, code, actor)));
