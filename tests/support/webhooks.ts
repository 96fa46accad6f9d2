import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createHmac, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { rotateSourceSecret, revokeSourceSecret } from "@/server/connectors/rotate-source-secret";
import { upsertSource, type SourceInput } from "@/server/connectors/upsert-source";
import type { RunningServer } from "@/server/start-server";

// Signatures here come from independent implementations: the `standardwebhooks` reference
// library, and HMAC-SHA256 exactly as Shopify and WooCommerce document it.

export const whsec = () =>
  `whsec_${Buffer.from(randomUUID() + randomUUID())
    .toString("base64")
    .slice(0, 43)}=`;

export function standardHeaders(secret: string, body: string, opts: { id?: string; at?: Date } = {}): Record<string, string> {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) };
}

export const hmacBase64 = (secret: string, body: string) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

export async function postWebhook(server: RunningServer, path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** Register a source straight through the server function (the integration server has no Next routes). */
export async function registerSource(server: RunningServer, code: string, input: SourceInput) {
  await upsertSource(server.services.pool, server.services.box, code, input, SYSTEM_ACTOR);
  server.services.sources.forget(code);
}

export async function rotate(server: RunningServer, code: string, input: { secret?: string; overlapSeconds: number }) {
  const r = await rotateSourceSecret(server.services.pool, server.services.box, code, input, SYSTEM_ACTOR);
  server.services.sources.forget(code);
  return r;
}

export async function revoke(server: RunningServer, code: string, id: string) {
  await revokeSourceSecret(server.services.pool, code, id, SYSTEM_ACTOR);
  server.services.sources.forget(code);
}
