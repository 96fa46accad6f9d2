import { authorize, readAuthorizedBody, route } from "@/server/http/route-helpers";
import { alertDestinationInput } from "@/lib/contracts/alert-destinations";
import { deleteAlertDestination, getAlertDestination, saveAlertDestination } from "@/server/alert-destinations/save-alert-destination";
import { getServices } from "@/server/services";

type Ctx = { params: Promise<{ name: string }> };

// alerts.settings (admin): where alerts go is alert configuration, next to the thresholds.

export const GET = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "alerts.settings");
  if (!auth.ok) return auth.response;
  return Response.json(await getAlertDestination(getServices().pool, (await ctx.params).name));
});

/** `{ url, format: "standard" | "slack", secret?, kinds?, enabled? }`; a generated secret is answered once. */
export const PUT = route(async (req: Request, ctx: Ctx) => {
  const parsed = await readAuthorizedBody(req, "alerts.settings", alertDestinationInput, 8 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, box, env, alertDestinations } = getServices();
  const saved = await saveAlertDestination({ pool, box, allow: env.ONEPOOL_OUTBOUND_ALLOW_HOSTS }, (await ctx.params).name, parsed.data, parsed.actor);
  alertDestinations.kick();
  return Response.json(saved);
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const auth = await authorize(req, "alerts.settings");
  if (!auth.ok) return auth.response;
  return Response.json(await deleteAlertDestination(getServices().pool, (await ctx.params).name, auth.actor));
});
