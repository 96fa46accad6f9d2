import { z } from "zod";
import { actorCan } from "@/lib/auth/actor";
import { idPageFields } from "@/lib/contracts/id-page";
import { queryRoute } from "@/server/http/route-helpers";
import { getRejections } from "@/server/queries/get-rejections";
import { getServices } from "@/server/services";

const querySchema = z
  .object({
    source: z.string().max(100).optional(),
    code: z.string().max(100).optional(),
    ...idPageFields("cursor is a rejection id from a previous page"),
  })
  .strict();

export const GET = queryRoute("stock.read", querySchema, async ({ query, actor }) => {
  const { cursor, ...rest } = query;
  // Raw provider bodies carry customers' details: only those who may re-submit them see them (review #19).
  return Response.json(await getRejections(getServices().pool, { ...rest, before: cursor }, { raw: actorCan(actor, "connectors.manage") }));
});
