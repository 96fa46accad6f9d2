import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures, checked on the raw bytes before anything is parsed (docs/SECURITY.md). Each check
// takes every active secret of the source, so a rotation's overlap accepts old and new alike, and
// says which one matched (for last-used bookkeeping).

export type SignatureCheck = { ok: true; secretIndex: number } | { ok: false; code: string; message: string };

const equalBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

function hmacBase64Check(raw: Buffer, header: string | undefined, secrets: readonly string[], name: string): SignatureCheck {
  if (!header) return { ok: false, code: "missing_signature", message: `missing ${name} header` };
  if (secrets.length === 0) return { ok: false, code: "no_active_secret", message: "this source has no active secret: add one before sending webhooks" };
  const given = Buffer.from(header.trim(), "base64");
  for (let i = 0; i < secrets.length; i++) {
    if (equalBytes(createHmac("sha256", secrets[i]).update(raw).digest(), given)) return { ok: true, secretIndex: i };
  }
  return { ok: false, code: "invalid_signature", message: `${name} does not match the body signed with any active secret of this source` };
}

/** Shopify: X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(app secret, raw body)). */
export const verifyShopify = (raw: Buffer, header: string | undefined, secrets: readonly string[]) => hmacBase64Check(raw, header, secrets, "X-Shopify-Hmac-Sha256");

/** WooCommerce: X-WC-Webhook-Signature = base64(HMAC-SHA256(webhook secret, raw body)). */
export const verifyWooCommerce = (raw: Buffer, header: string | undefined, secrets: readonly string[]) => hmacBase64Check(raw, header, secrets, "X-WC-Webhook-Signature");

export const STANDARD_TOLERANCE_SECONDS = 5 * 60;

/** A Standard Webhooks secret: `whsec_<base64>` (the key is the decoded bytes); other strings are used as UTF-8 bytes. */
export function standardKey(secret: string): Buffer {
  return secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
}

/** Sign as Standard Webhooks does: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` (Onepool's outbound pushes, the demo's relays). */
export function signStandard(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac("sha256", standardKey(secret)).update(`${msgId}.${timestampSeconds}.${body}`, "utf8").digest("base64")}`;
}

/** The three Standard Webhooks headers of one attempt: the id stays across retries, the timestamp is the attempt's. */
export function standardHeaders(secret: string, msgId: string, body: string, nowMs: number): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return { "webhook-id": msgId, "webhook-timestamp": String(ts), "webhook-signature": signStandard(secret, msgId, ts, body) };
}

/**
 * Standard Webhooks (standardwebhooks.com): `webhook-signature` holds one or more space-separated
 * `v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`; the signed timestamp
 * must be within ±5 minutes of now (replay protection).
 */
export function verifyStandard(raw: Buffer, headers: { id?: string; timestamp?: string; signature?: string }, secrets: readonly string[], nowMs: number): SignatureCheck {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    const missing = [!id && "webhook-id", !timestamp && "webhook-timestamp", !signature && "webhook-signature"].filter(Boolean).join(", ");
    return { ok: false, code: "missing_signature", message: `missing Standard Webhooks header(s): ${missing}` };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, code: "invalid_timestamp", message: "webhook-timestamp must be Unix seconds" };
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > STANDARD_TOLERANCE_SECONDS) {
    return { ok: false, code: "stale_timestamp", message: `webhook-timestamp is ${Math.round(skew)} s from now (more than ${STANDARD_TOLERANCE_SECONDS} s): refused as a possible replay` };
  }
  if (secrets.length === 0) return { ok: false, code: "no_active_secret", message: "this source has no active secret: add one before sending webhooks" };
  const given = signature
    .split(" ")
    .map((s) => s.split(","))
    .filter(([v, sig]) => v === "v1" && sig)
    .map(([, sig]) => Buffer.from(sig, "base64"));
  if (given.length === 0) return { ok: false, code: "invalid_signature", message: "webhook-signature holds no v1 signature" };
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, "utf8"), raw]);
  for (let i = 0; i < secrets.length; i++) {
    const expected = createHmac("sha256", standardKey(secrets[i])).update(signed).digest();
    if (given.some((g) => equalBytes(g, expected))) return { ok: true, secretIndex: i };
  }
  return { ok: false, code: "invalid_signature", message: "webhook-signature matches no active secret of this source" };
}
