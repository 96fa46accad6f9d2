import { z } from "zod";
import { ALERT_KINDS } from "@/lib/alerts/kinds";

// An alert destination as PUT /api/alert-destinations/<name> takes it (docs/ALERTS.md
// "Destinations"), shared by the route and the Destinations screen's form so both refuse the same
// things with the same words. Pure.

/** 1–64 of a-z, 0-9, _ and -, starting with a letter or digit (it is the URL's last segment). */
export const DESTINATION_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const DESTINATION_NAME_RULE = "a destination name is 1–64 of a-z, 0-9, _ and -, starting with a letter or digit";

export const DESTINATION_FORMATS = ["standard", "slack"] as const;
export type DestinationFormat = (typeof DESTINATION_FORMATS)[number];

const fields = {
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
  format: z.enum(DESTINATION_FORMATS).default("standard"),
  /** standard: `whsec_<base64>` or a plain string of ≥ 16 characters; omitted: kept (or generated for a new one). */
  secret: z.string().min(16, "must be at least 16 characters").max(1000).optional(),
  /** Omitted or empty: every kind. */
  kinds: z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length).optional(),
  enabled: z.boolean().optional(),
};

function slackIsUnsigned(v: { format: DestinationFormat; secret?: string }, ctx: z.RefinementCtx) {
  if (v.format === "slack" && v.secret !== undefined) ctx.addIssue({ code: "custom", path: ["secret"], message: "a Slack incoming webhook is not signed: its URL is the credential" });
}

/** The request body. */
export const alertDestinationInput = z.object(fields).strict().superRefine(slackIsUnsigned);
export type AlertDestinationInput = z.infer<typeof alertDestinationInput>;

/** The screen's form: the body's fields and rules, plus the name (the URL's last segment). */
export const alertDestinationForm = z.object({ name: z.string().regex(DESTINATION_NAME, DESTINATION_NAME_RULE), ...fields }).superRefine(slackIsUnsigned);
export type AlertDestinationFormInput = z.input<typeof alertDestinationForm>;
export type AlertDestinationFormValues = z.output<typeof alertDestinationForm>;

/** The body a form's values make: the name goes in the URL. */
export function destinationBody(v: AlertDestinationFormValues): AlertDestinationInput {
  const { name: _name, ...body } = v;
  return body;
}
