import { approveCount } from "@/server/counts/approve-count";
import { approveCountSchema } from "@/lib/contracts/counts";
import { authorize, readBody, route } from "@/server/http/route-helpers";
import { getServices } from "@/server/services";

/** in_review → approved: one cycle_count per line, exactly once. An empty body is allowed; `{ reasons: { sku: reason } }` sets reasons first. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authorize(req, "counts.approve");
  if (!auth.ok) return auth.response;
  let reasons: Record<string, string> = {};
  if (req.headers.get("content-type")) {
    const parsed = await readBody(req, approveCountSchema, 512 * 1024);
    if (!parsed.ok) return parsed.response;
    reasons = parsed.data.reasons ?? {};
  }
  return Response.json(await approveCount(getServices(), (await ctx.params).id, reasons, auth.actor));
});
