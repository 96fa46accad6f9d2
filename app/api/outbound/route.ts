import { z } from "zod";
import { roleCan, scopesCan } from "@/lib/auth/roles";
import { queryRoute } from "@/server/http/route-helpers";
import { getOutboundHealth } from "@/server/queries/get-outbound-health";
import { getServices } from "@/server/services";

/** Per-channel outbound health: pending pushes, failing with the reason, last acknowledgement, end-to-end lag. */
export const GET = queryRoute("stock.read", z.object({}).strict(), async ({ actor: a }) => {
  // Receivers' answers and connect errors are for admins only (SSRF read-back otherwise).
  const withReasons = a.kind === "system" || (a.kind === "user" ? roleCan(a.role, "connectors.manage") : scopesCan(a.scopes, "connectors.manage"));
  return Response.json({ channels: await getOutboundHealth(getServices().pool, { withReasons }) });
});
