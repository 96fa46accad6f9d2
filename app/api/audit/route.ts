import { queryRoute } from "@/server/http/route-helpers";
import { auditQuerySchema, getAuditLog } from "@/server/queries/get-audit-log";
import { getServices } from "@/server/services";

/** The audit log, newest first; managers and admins only (connector tokens never read it). */
export const GET = queryRoute("audit.read", auditQuerySchema, async ({ query }) => Response.json(await getAuditLog(getServices().pool, query)));
