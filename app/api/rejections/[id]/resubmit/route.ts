import { resubmitRejection } from "@/server/connectors/resubmit-rejection";
import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

export const POST = authorizedRoute("connectors.manage", async ({ actor }, { id }: { id: string }) => {
  if (!/^\d{1,18}$/.test(id)) return jsonError(404, "not_found", `no rejected event ${id}`);
  return Response.json(await resubmitRejection(getServices(), id, actor));
});
