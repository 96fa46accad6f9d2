import { z } from "zod";
import { alertSettingsPatchSchema } from "@/lib/contracts/alerts";
import { bodyRoute, queryRoute } from "@/server/http/route-helpers";
import { getAlertSettings, saveAlertSettings } from "@/server/alerts/alert-settings";
import { getServices } from "@/server/services";

/** Thresholds and durations per kind, and the defaults (whoever reads alerts may see why one opened). */
export const GET = queryRoute("alerts.read", z.object({}).strict(), async () => {
  const { pool, env } = getServices();
  return Response.json(await getAlertSettings(pool, env.ONEPOOL_SAFETY_DAYS));
});

/** `{ <kind>: { <field>: value } }`: change some fields; audited per kind. Answered after the alerts were evaluated under the new settings. */
export const PUT = bodyRoute("alerts.settings", alertSettingsPatchSchema, 16 * 1024, async ({ data, actor }) => {
  const { pool, env, alerts } = getServices();
  const saved = await saveAlertSettings(pool, data, actor, env.ONEPOOL_SAFETY_DAYS);
  await alerts?.settingsChanged();
  return Response.json(saved);
});
