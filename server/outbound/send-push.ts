import "server-only";
import { standardHeaders } from "@/lib/connectors/signatures";
import { classifyResponse, pushBody, pushMessageId, type PushOutcome } from "@/lib/outbound/push-message";
import { parseRetryAfter } from "@/lib/outbound/retry-schedule";
import type { AllowList } from "@/lib/net/address-policy";
import { OutboundAddressRefused, postOutbound, type OutboundAnswer } from "@/server/net/outbound-http";
import { buildReadAvailable, buildSetQuantities, readAvailableResponse, readSetQuantitiesResponse, shopifyGid, shopifyRequestHeaders, shopifyVersionOf } from "@/lib/outbound/shopify-set-quantities";

export interface PushTarget {
  channel: string;
  provider: "standard" | "shopify";
  url: string;
  secret: string;
  /** Shopify: the location whose available is set. */
  locationId: string | null;
  /** When the connector was registered (ms): keeps idempotency keys unique across reinstalls whose sequences restart. */
  registeredAt: number;
}

export interface PushJob {
  skuCode: string;
  quantity: number;
  sequence: string;
  externalIds: { id: string; kind: string | null }[];
  /** The number the channel last acknowledged (Shopify's compare value), if any. */
  ackedQuantity: number | null;
}

const USER_AGENT = "Onepool-Outbound/1";

/** How pushes call out: the address policy, and the timeout of one request. */
export interface PushCall {
  allow: AllowList;
  timeoutMs: number;
}

/** At most 4 KiB of an answer is read, never decompressed (server/net/outbound-http.ts). */
const post = (url: string, headers: Record<string, string>, body: string, call: PushCall): Promise<OutboundAnswer> =>
  postOutbound(url, { "user-agent": USER_AGENT, ...headers }, body, { allow: call.allow, timeoutMs: call.timeoutMs });

const networkFailure = (err: unknown): PushOutcome => {
  // An address the policy refuses will not become public by retrying soon: the channel is failing until fixed.
  if (err instanceof OutboundAddressRefused) return { kind: "reject", status: 0, reason: `refused to connect: ${err.message}` };
  return {
    kind: "retry",
    reason:
      err instanceof Error && err.name === "TimeoutError"
        ? "no answer within the timeout"
        : `could not reach the channel: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
    retryAfterMs: null,
  };
};

/** One attempt to tell a channel one number; the outcome decides ack, retry or failing. */
export async function sendPush(target: PushTarget, job: PushJob, call: PushCall): Promise<PushOutcome> {
  try {
    return target.provider === "shopify" ? await sendShopify(target, job, call) : await sendStandard(target, job, call);
  } catch (err) {
    return networkFailure(err);
  }
}

async function sendStandard(target: PushTarget, job: PushJob, call: PushCall): Promise<PushOutcome> {
  const body = pushBody({
    type: "published_quantity.updated",
    channel: target.channel,
    sku: job.skuCode,
    externalIds: job.externalIds.map((x) => x.id),
    quantity: job.quantity,
    sequence: Number(job.sequence),
  });
  const headers = { "content-type": "application/json", ...standardHeaders(target.secret, pushMessageId(job.sequence), body, Date.now()) };
  const r = await post(target.url, headers, body, call);
  return classifyResponse(r.status, r.text, parseRetryAfter(r.retryAfter, Date.now()));
}

/**
 * Shopify: set `available` at the configured location with compare-and-set against the number it
 * last acknowledged. A stale compare means something else moved Shopify's number since: read it
 * and set ours against what is there now (once per attempt; Onepool's number already counts every
 * order that reached it).
 */
async function sendShopify(target: PushTarget, job: PushJob, call: PushCall): Promise<PushOutcome> {
  const items = job.externalIds.filter((x) => x.kind === "inventory_item").map((x) => shopifyGid("InventoryItem", x.id));
  if (items.length === 0) {
    return { kind: "reject", status: 422, reason: `${job.skuCode} has no listing of kind "inventory_item" on ${target.channel}: register its Shopify inventory_item_id with kind "inventory_item"` };
  }
  if (!target.locationId) return { kind: "reject", status: 422, reason: "no Shopify locationId is configured for this channel" };
  const locationId = shopifyGid("Location", target.locationId);
  const apiVersion = shopifyVersionOf(target.url) ?? undefined;
  const headers = shopifyRequestHeaders(target.secret);
  const attempt = async (compare: number | null): Promise<ReturnType<typeof readSetQuantitiesResponse>> => {
    const request = buildSetQuantities({
      inventoryItemIds: items,
      locationId,
      quantity: job.quantity,
      compareQuantity: compare,
      apiVersion,
      // The key changes with anything in the variables (Shopify refuses a key reused with other variables).
      idempotencyKey: `onepool-${target.registeredAt}-${pushMessageId(job.sequence)}-${compare ?? "any"}`,
      referenceDocumentUri: `gid://onepool/PublishedQuantity/${job.sequence}`,
    });
    const r = await post(target.url, headers, JSON.stringify(request), call);
    return readSetAnswer(r);
  };
  const first = await attempt(job.ackedQuantity);
  if (first.kind !== "stale") return first;
  const read = await post(target.url, headers, JSON.stringify(buildReadAvailable({ inventoryItemIds: items, locationId })), call);
  if (read.status < 200 || read.status >= 300) return classifyResponse(read.status, read.text, parseRetryAfter(read.retryAfter, Date.now()));
  // A read we cannot parse (longer than 4 KiB with many items) is "not known", as is a disagreement.
  let current: (number | null)[] = [];
  try {
    current = read.truncated ? [] : [...readAvailableResponse(parseJson(read.text)).values()];
  } catch {
    current = [];
  }
  const same = current.length > 0 && current.every((v) => v === current[0]) ? current[0] : null;
  const second = await attempt(same ?? null);
  return second.kind === "stale" ? { kind: "retry", reason: second.reason, retryAfterMs: null } : second;
}

/**
 * The mutation selects only userErrors, so its answer fits in 4 KiB; one that does not (many
 * items each with an error) cannot be read whole. A success is recognisable from its start
 * (Shopify writes `data` first, and `errors` before it when there are any); anything else that
 * was cut is not retried blindly but shown as the channel's failing reason.
 */
function readSetAnswer(r: OutboundAnswer): ReturnType<typeof readSetQuantitiesResponse> {
  if (!r.truncated || r.status < 200 || r.status >= 300) return readSetQuantitiesResponse(r.status, parseJson(r.text), r.retryAfter);
  if (/^\s*\{\s*"data"\s*:\s*\{\s*"inventorySetQuantities"\s*:\s*\{\s*"userErrors"\s*:\s*\[\s*\]/.test(r.text)) return { kind: "ack" };
  return { kind: "reject", status: r.status, reason: `Shopify answered HTTP ${r.status} with more than 4 KiB that is not a plain success: ${r.text.slice(0, 200)}` };
}

function parseJson(text: string): unknown | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
