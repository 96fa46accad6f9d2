import type { DeliveryRow } from "@/server/scorecard-mail/list-deliveries";
// What the scorecard e-mail routes answer (app/api/scorecard-subscription, app/api/admin/scorecard-deliveries).

export interface SubscriptionResponse {
  subscribed: boolean;
  since: string | null;
  /** False when the server has no ONEPOOL_SMTP_URL: nothing is sent until an admin sets it. */
  mailEnabled: boolean;
  timezone: string;
}

/** One send, as GET /api/admin/scorecard-deliveries answers it (the server's row shape, type only). */
export type Delivery = DeliveryRow;

export interface DeliveriesResponse {
  mailEnabled: boolean;
  timezone: string;
  deliveries: Delivery[];
}

export const scorecardMailKeys = {
  subscription: ["scorecard-mail", "subscription"] as const,
  /** Under "admin", so any admin write refreshes it too. */
  deliveries: (week: string | null) => ["admin", "scorecard-deliveries", { week }] as const,
};
