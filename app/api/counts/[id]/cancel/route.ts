import { cancelCount } from "@/server/counts/move-count";
import { authorizedRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** → cancelled; its creator or a reviewer (checked in cancelCount). */
export const POST = authorizedRoute("counts.write", async ({ actor }, { id }: { id: string }) => Response.json(await cancelCount(getServices().pool, id, actor)));
