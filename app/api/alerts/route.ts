import { z } from "zod";
import { ALERT_KINDS } from "@/lib/alerts/kinds";
import { queryRoute } from "@/server/http/route-helpers";
import { countOpenAlerts, getAlerts } from "@/server/alerts/get-alerts";
import { getServices } from "@/server/services";

const code = z.string().trim().min(1).max(200);
const querySchema = z
  .object({
    state: z.enum(["open", "resolved", "all"]).default("open"),
    kind: z.enum(ALERT_KINDS).optional(),
    sku: code.optional(),
    channel: code.optional(),
    location: code.optional(),
    source: code.optional(),
    listingChannel: code.optional(),
    listingExternalId: code.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** docs/API.md: `{ alerts: [...] }`, filtered by state (default open), kind and subject codes; `open`: open alerts in total, muted and by kind (the header badge shows total − muted). */
export const GET = queryRoute("alerts.read", querySchema, async ({ query }) => {
  const { pool } = getServices();
  const [alerts, open] = await Promise.all([getAlerts(pool, query), countOpenAlerts(pool)]);
  return Response.json({ alerts, open });
});
