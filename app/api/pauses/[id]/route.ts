import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { endPause } from "@/server/pauses/save-pause";
import { getServices } from "@/server/services";
import { isRowId } from "@/lib/contracts/row-id";

/** Resume: the numbers come back before this answers. */
export const DELETE = authorizedRoute("pauses.write", async ({ actor }, { id }: { id: string }) => {
  if (!isRowId(id)) return jsonError(404, "not_found", "no such pause");
  const { pool, publisher } = getServices();
  const r = await endPause(pool, id, actor, publisher);
  return Response.json(r);
});
