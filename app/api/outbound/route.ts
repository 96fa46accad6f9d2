import { z } from "zod";
import { readQuery, route } from "@/server/http/route-helpers";
import { getOutboundHealth } from "@/server/queries/get-outbound-health";
import { getServices } from "@/server/services";

/** Per-channel outbound health: pending pushes, failing with the reason, last acknowledgement, end-to-end lag. */
export const GET = route(async (req: Request) => {
  const q = await readQuery(req, z.object({}).strict(), "stock.read");
  if (!q.ok) return q.response;
  return Response.json({ channels: await getOutboundHealth(getServices().pool) });
});
