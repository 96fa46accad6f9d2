import { z } from "zod";
import { ALERT_KINDS } from "@/lib/alerts/kinds";

// What the alert routes accept (docs/API.md, docs/ALERTS.md): POST/DELETE /api/alerts/mutes and
// PUT /api/alert-settings, parsed there and checked by the Mute dialog and the settings screen.

export { alertSettingsPatchSchema } from "@/lib/alerts/settings";

const code = z.string().trim().min(1).max(200);
export const MAX_MUTE_MS = 366 * 86_400_000;

/** A (kind, subject) by codes, as the alerts list names them. */
export const alertSubjectSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  sku: code.optional(),
  channel: code.optional(),
  location: code.optional(),
  source: code.optional(),
  listing: z.object({ channel: code, externalId: code }).strict().optional(),
});

export const muteSchema = alertSubjectSchema
  .extend({ until: z.iso.datetime({ offset: true }) })
  .strict()
  .refine((m) => Date.parse(m.until) > Date.now(), { message: "must be in the future", path: ["until"] })
  .refine((m) => Date.parse(m.until) <= Date.now() + MAX_MUTE_MS, { message: "at most a year ahead: a mute should end; disable the kind in the alert settings instead", path: ["until"] });

export const unmuteSchema = alertSubjectSchema.strict();
