import { readQuery, route } from "@/server/http/route-helpers";
import { auditQuerySchema, getAuditLog } from "@/server/queries/get-audit-log";
import { getServices } from "@/server/services";

/** The audit log, newest first; managers and admins only (connector tokens never read it). */
export const GET = route(async (req: Request) => {
  const q = await readQuery(req, auditQuerySchema, "audit.read");
  if (!q.ok) return q.response;
  return Response.json(await getAuditLog(getServices().pool, q.query));
});
