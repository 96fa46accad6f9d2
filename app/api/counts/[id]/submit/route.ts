import { submitCount } from "@/server/counts/move-count";
import { authorizedRoute } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** open → in_review. */
export const POST = authorizedRoute("counts.write", async ({ actor }, { id }: { id: string }) => Response.json(await submitCount(getServices().pool, id, actor)));
