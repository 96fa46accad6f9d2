import { approveCount } from "@/server/counts/approve-count";
import { approveCountSchema } from "@/lib/contracts/counts";
import { authorizedRoute, readBody } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** in_review → approved: one cycle_count per line, exactly once. An empty body is allowed; `{ reasons: { sku: reason } }` sets reasons first. */
export const POST = authorizedRoute("counts.approve", async ({ actor, req }, { id }: { id: string }) => {
  let reasons: Record<string, string> = {};
  if (req.headers.get("content-type")) {
    const parsed = await readBody(req, approveCountSchema, 512 * 1024);
    if (!parsed.ok) return parsed.response;
    reasons = parsed.data.reasons ?? {};
  }
  return Response.json(await approveCount(getServices(), id, reasons, actor));
});
