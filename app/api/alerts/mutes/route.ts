import { z } from "zod";
import { muteSchema, unmuteSchema } from "@/lib/contracts/alerts";
import { bodyRoute, queryRoute } from "@/server/http/route-helpers";
import { getMutes, muteAlert, unmuteAlert } from "@/server/alerts/save-alert-mute";
import { getServices } from "@/server/services";

/** Mutes in force. */
export const GET = queryRoute("alerts.read", z.object({}).strict(), async () => Response.json({ mutes: await getMutes(getServices().pool) }));

/** `{ kind, sku?, channel?, location?, source?, listing?, until }`: mute that (kind, subject) until then (setting it again moves the end). */
export const POST = bodyRoute("alerts.mute", muteSchema, 4 * 1024, async ({ data, actor }) => Response.json(await muteAlert(getServices().pool, data, actor)));

/** `{ kind, sku?, … }`: unmute now. */
export const DELETE = bodyRoute("alerts.mute", unmuteSchema, 4 * 1024, async ({ data, actor }) => Response.json(await unmuteAlert(getServices().pool, data, actor)));
