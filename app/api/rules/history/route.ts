import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { getRuleHistory } from "@/server/queries/get-rule-history";
import { getServices } from "@/server/services";

/** A channel's rule changes from the audit log (`{ entries }`, newest first). */
export const GET = queryRoute("stock.read", z.object({ channel: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(), async ({ query }) =>
  Response.json({ entries: await getRuleHistory(getServices().pool, query.channel, query.limit) }),
);
