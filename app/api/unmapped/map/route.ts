import { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { applyCatalog } from "@/server/catalog/apply-catalog";
import { CatalogError } from "@/server/catalog/upsert-catalog";
import { authorizeAdmin, jsonError, readJson, route, validationError } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

const body = z.object({ channel: z.string().trim().min(1).max(100), externalId: z.string().trim().min(1).max(200), sku: z.string().trim().min(1).max(100) }).strict();

/** Map one unmapped listing to a SKU (the admin screen's action): same as a catalogue listing upsert, which replays the parked events. */
export const POST = route(async (req: Request) => {
  const auth = await authorizeAdmin(req);
  if (!auth.ok) return auth.response;
  const raw = await readJson(req, 8 * 1024);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.body);
  if (!parsed.success) return validationError(parsed.error);
  const services = getServices();
  try {
    const r = await applyCatalog(services, { listings: [parsed.data] });
    await recordAudit(services.pool, { actor: auth.actor, action: "listing.mapped", target: `listing:${parsed.data.channel}/${parsed.data.externalId}`, details: { sku: parsed.data.sku, replayed: r.replayed } });
    return Response.json({ listing: parsed.data, replayed: r.replayed });
  } catch (err) {
    if (err instanceof CatalogError) return jsonError(err.code.startsWith("unknown") ? 422 : 400, err.code, err.message, { field: err.field });
    throw err;
  }
});
