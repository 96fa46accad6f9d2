import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { acknowledgeAlert } from "@/server/alerts/acknowledge-alert";
import { getServices } from "@/server/services";
import { isRowId } from "@/lib/contracts/row-id";

/** Anyone who reads alerts may acknowledge one (docs/ALERTS.md); audited. */
export const POST = authorizedRoute("alerts.read", async ({ actor }, { id }: { id: string }) => {
  if (!isRowId(id)) return jsonError(404, "not_found", `no alert ${id}`);
  return Response.json(await acknowledgeAlert(getServices().pool, id, actor));
});
