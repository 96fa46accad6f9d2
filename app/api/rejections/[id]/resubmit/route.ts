import { resubmitRejection } from "@/server/connectors/resubmit-rejection";
import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";
import { isRowId } from "@/lib/contracts/row-id";

export const POST = authorizedRoute("connectors.manage", async ({ actor }, { id }: { id: string }) => {
  if (!isRowId(id)) return jsonError(404, "not_found", `no rejected event ${id}`);
  return Response.json(await resubmitRejection(getServices(), id, actor));
});
