// What the scorecard e-mail routes answer (app/api/scorecard-subscription, app/api/admin/scorecard-deliveries).

export interface SubscriptionResponse {
  subscribed: boolean;
  since: string | null;
  /** False when the server has no ONEPOOL_SMTP_URL: nothing is sent until an admin sets it. */
  mailEnabled: boolean;
  timezone: string;
}

export interface Delivery {
  week: string;
  personId: string;
  email: string;
  name: string;
  status: "sending" | "sent" | "failed";
  attempts: number;
  createdAt: string;
  attemptedAt: string;
  sentAt: string | null;
  error: string | null;
  messageId: string | null;
}

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
