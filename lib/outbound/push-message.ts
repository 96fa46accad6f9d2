// What a channel's generic outbound webhook receives (docs/API.md). Pure.

export interface PushMessage {
  type: "published_quantity.updated";
  channel: string;
  sku: string;
  externalIds: string[];
  quantity: number;
  /** Increases with every change of this (channel, SKU)'s number: a receiver keeps the highest it has seen. */
  sequence: number;
}

/** The message id: the same across retries of one number (Standard Webhooks `webhook-id`), new for the next number. */
export const pushMessageId = (sequence: string | number | bigint): string => `psh_${sequence}`;

export function pushBody(m: PushMessage): string {
  return JSON.stringify({ type: m.type, channel: m.channel, sku: m.sku, externalIds: m.externalIds, quantity: m.quantity, sequence: m.sequence });
}

/** How a channel's answer counts (docs/API.md): 2xx acknowledges; 429 and 5xx are retried; any other 4xx marks the channel failing. */
export type PushOutcome = { kind: "ack" } | { kind: "retry"; reason: string; retryAfterMs: number | null } | { kind: "reject"; status: number; reason: string };

export function classifyResponse(status: number, bodySnippet: string, retryAfterMs: number | null): PushOutcome {
  if (status >= 200 && status < 300) return { kind: "ack" };
  const said = bodySnippet.trim().replace(/\s+/g, " ").slice(0, 200);
  const reason = `HTTP ${status}${said ? `: ${said}` : ""}`;
  if (status === 429 || status >= 500) return { kind: "retry", reason, retryAfterMs };
  if (status >= 300 && status < 400) return { kind: "reject", status, reason: `HTTP ${status}: redirects are not followed; register the final URL` };
  return { kind: "reject", status, reason };
}
