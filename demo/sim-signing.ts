import { createHash, createHmac } from "node:crypto";

// How the simulated providers sign what they send (docs/SECURITY.md), with node:crypto only so the demo
// needs no dev dependency at run time. The integration test checks these against the
// `standardwebhooks` reference library.

/** Shopify: X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(app secret, raw body)). */
export function shopifyHmac(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export { signStandard as standardSignature } from "@/lib/connectors/signatures";
import { standardHeaders as signedHeaders } from "@/lib/connectors/signatures";

/** The three Standard Webhooks headers for one attempt: the id stays, the timestamp is the attempt's. */
export const standardHeaders = (secret: string, msgId: string, body: string, now = Date.now()) => signedHeaders(secret, msgId, body, now);

/** A UUID-shaped id derived from a string: the same simulated thing always gets the same provider id. */
export function stableUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Decimal digits derived from a string (provider numeric ids such as Shopify's line item ids). */
export function stableDigits(seed: string, n: number): string {
  const h = createHash("sha256").update(seed).digest();
  let out = String((h[0] % 9) + 1);
  for (let i = 1; out.length < n; i++) out += String(h[i % h.length] % 10);
  return out;
}
