import { z } from "zod";
import { actorCan } from "@/lib/auth/actor";
import { idPageFields } from "@/lib/contracts/id-page";
import { readQuery, route } from "@/server/http/route-helpers";
import { getRejections } from "@/server/queries/get-rejections";
import { getServices } from "@/server/services";

const query = z
  .object({
    source: z.string().max(100).optional(),
    code: z.string().max(100).optional(),
    ...idPageFields("cursor is a rejection id from a previous page"),
  })
  .strict();

export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  const { cursor, ...rest } = parsed.query;
  // Raw provider bodies carry customers' details: only those who may re-submit them see them (review #19).
  return Response.json(await getRejections(getServices().pool, { ...rest, before: cursor }, { raw: actorCan(parsed.actor, "connectors.manage") }));
});
