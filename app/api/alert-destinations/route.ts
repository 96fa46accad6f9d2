import { authorize, route } from "@/server/http/route-helpers";
import { listAlertDestinations } from "@/server/alert-destinations/save-alert-destination";
import { getServices } from "@/server/services";

/** Every alert destination, without its secret (never shown again after creation). */
export const GET = route(async (req: Request) => {
  const auth = await authorize(req, "alerts.settings");
  if (!auth.ok) return auth.response;
  return Response.json({ destinations: await listAlertDestinations(getServices().pool) });
});
