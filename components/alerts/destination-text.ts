// How the Destinations screen words a destination (docs/UI.md "Alerts"). Pure but for the secret,
// which takes the browser's (or Node's) crypto.getRandomValues.
import type { AlertDestinationView } from "@/server/alert-destinations/save-alert-destination";

/** The view's fields the status reads: the API's own type (type-only: nothing of the server reaches the browser). */
export type DestinationState = Pick<AlertDestinationView, "enabled" | "failingSince" | "lastError" | "pending" | "lastDeliveredAt" | "lastAttemptAt">;

export type DestinationStatus = "off" | "failing" | "sending" | "delivered" | "never";

/**
 * Failing wins over off (messages made before it was turned off are still retried), then off; a
 * destination that has delivered is "delivered"; one with messages waiting and no failure is "sending".
 */
export function destinationStatus(d: DestinationState): DestinationStatus {
  if (d.failingSince) return "failing";
  if (!d.enabled) return "off";
  if (d.pending > 0) return "sending";
  return d.lastDeliveredAt ? "delivered" : "never";
}

export const STATUS_TEXT: Record<DestinationStatus, { label: string; cls: string }> = {
  failing: { label: "Failing", cls: "bg-rose-50 text-rose-700 ring-rose-600/20" },
  off: { label: "Off", cls: "bg-slate-100 text-slate-600 ring-slate-500/20" },
  sending: { label: "Sending", cls: "bg-sky-50 text-sky-700 ring-sky-600/20" },
  delivered: { label: "Delivering", cls: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  never: { label: "No message yet", cls: "bg-slate-50 text-slate-600 ring-slate-400/20" },
};

/** The API masks a URL's credentials as `***` (a Slack URL's path, query values, user:password). */
export const urlIsMasked = (shown: string) => shown.includes("***");

/** A Standard Webhooks secret: `whsec_` + 24 random bytes in base64, as the server makes them. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}
