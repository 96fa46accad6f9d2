import { authorizedRoute } from "@/server/http/route-helpers";
import { listAlertDestinations } from "@/server/alert-destinations/save-alert-destination";
import { getServices } from "@/server/services";

/** Every alert destination, without its secret (never shown again after creation). */
export const GET = authorizedRoute("alerts.settings", async () => Response.json({ destinations: await listAlertDestinations(getServices().pool) }));
