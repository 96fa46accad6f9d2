import { z } from "zod";
import { alertSettingsPatchSchema } from "@/lib/contracts/alerts";
import { readAuthorizedBody, readQuery, route } from "@/server/http/route-helpers";
import { getAlertSettings, saveAlertSettings } from "@/server/alerts/alert-settings";
import { getServices } from "@/server/services";

/** Thresholds and durations per kind, and the defaults (whoever reads alerts may see why one opened). */
export const GET = route(async (req: Request) => {
  const q = await readQuery(req, z.object({}).strict(), "alerts.read");
  if (!q.ok) return q.response;
  const { pool, env } = getServices();
  return Response.json(await getAlertSettings(pool, env.ONEPOOL_SAFETY_DAYS));
});

/** `{ <kind>: { <field>: value } }`: change some fields; audited per kind. Answered after the alerts were evaluated under the new settings. */
export const PUT = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "alerts.settings", alertSettingsPatchSchema, 16 * 1024);
  if (!parsed.ok) return parsed.response;
  const { pool, env, alerts } = getServices();
  const saved = await saveAlertSettings(pool, parsed.data, parsed.actor, env.ONEPOOL_SAFETY_DAYS);
  await alerts?.settingsChanged();
  return Response.json(saved);
});
