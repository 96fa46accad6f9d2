import { authorizedRoute, bodyRoute } from "@/server/http/route-helpers";
import { alertDestinationInput } from "@/lib/contracts/alert-destinations";
import { deleteAlertDestination, getAlertDestination, saveAlertDestination } from "@/server/alert-destinations/save-alert-destination";
import { getServices } from "@/server/services";

// alerts.settings (admin): where alerts go is alert configuration, next to the thresholds.

export const GET = authorizedRoute("alerts.settings", async (_, { name }: { name: string }) => Response.json(await getAlertDestination(getServices().pool, name)));

/** `{ url, format: "standard" | "slack", secret?, kinds?, enabled? }`; a generated secret is answered once. */
export const PUT = bodyRoute("alerts.settings", alertDestinationInput, 8 * 1024, async ({ data, actor }, { name }: { name: string }) => {
  const { pool, box, env, alertDestinations } = getServices();
  const saved = await saveAlertDestination({ pool, box, allow: env.ONEPOOL_OUTBOUND_ALLOW_HOSTS }, name, data, actor);
  alertDestinations.kick();
  return Response.json(saved);
});

export const DELETE = authorizedRoute("alerts.settings", async ({ actor }, { name }: { name: string }) => Response.json(await deleteAlertDestination(getServices().pool, name, actor)));
