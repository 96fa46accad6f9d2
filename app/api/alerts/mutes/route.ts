import { z } from "zod";
import { muteSchema, unmuteSchema } from "@/lib/contracts/alerts";
import { readAuthorizedBody, readQuery, route } from "@/server/http/route-helpers";
import { getMutes, muteAlert, unmuteAlert } from "@/server/alerts/save-alert-mute";
import { getServices } from "@/server/services";

/** Mutes in force. */
export const GET = route(async (req: Request) => {
  const q = await readQuery(req, z.object({}).strict(), "alerts.read");
  if (!q.ok) return q.response;
  return Response.json({ mutes: await getMutes(getServices().pool) });
});

/** `{ kind, sku?, channel?, location?, source?, listing?, until }`: mute that (kind, subject) until then (setting it again moves the end). */
export const POST = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "alerts.mute", muteSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  return Response.json(await muteAlert(getServices().pool, parsed.data, parsed.actor));
});

/** `{ kind, sku?, … }`: unmute now. */
export const DELETE = route(async (req: Request) => {
  const parsed = await readAuthorizedBody(req, "alerts.mute", unmuteSchema, 4 * 1024);
  if (!parsed.ok) return parsed.response;
  return Response.json(await unmuteAlert(getServices().pool, parsed.data, parsed.actor));
});
