import type { AlertKind } from "@/lib/alerts/kinds";
import type { AlertMessage } from "@/lib/alerts/destination-message";

/** An alert message listing nothing, for a test that puts a delivery in the outbox by hand. */
export function emptyAlertMessage(destination: string, kind: AlertKind): AlertMessage {
  const now = new Date().toISOString();
  return { type: "alerts.grouped", destination, kind, from: now, to: now, opened: [], resolved: [], omitted: { opened: 0, resolved: 0 } };
}
