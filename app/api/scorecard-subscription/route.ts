import { authorize, jsonError, route } from "@/server/http/route-helpers";
import { getSubscription } from "@/server/scorecard-mail/get-subscription";
import { subscribe, unsubscribe } from "@/server/scorecard-mail/save-subscription";
import { getServices } from "@/server/services";
import type { Actor } from "@/lib/auth/actor";

// The signed-in person's own subscription to the weekly scorecard e-mail (docs/SCORECARD.md#figures). Only people
// who may read the scorecard; a connector token has no inbox (403).

async function person(req: Request): Promise<{ ok: true; actor: Extract<Actor, { kind: "user" }> } | { ok: false; response: Response }> {
  const auth = await authorize(req, "scorecard.read");
  if (!auth.ok) return auth;
  if (auth.actor.kind !== "user") return { ok: false, response: jsonError(403, "forbidden", "the scorecard e-mail goes to people: sign in as yourself to subscribe") };
  return { ok: true, actor: auth.actor };
}

/** With whether this server can send at all (ONEPOOL_SMTP_URL), and the zone its Monday 08:00 is in. */
const withSmtp = (body: object) => {
  const { env } = getServices();
  return { ...body, mailEnabled: !!env.ONEPOOL_SMTP_URL, timezone: env.ONEPOOL_TIMEZONE };
};

export const GET = route(async (req: Request) => {
  const p = await person(req);
  if (!p.ok) return p.response;
  return Response.json(withSmtp(await getSubscription(getServices().pool, p.actor.id)));
});

/** Subscribe (idempotent). */
export const PUT = route(async (req: Request) => {
  const p = await person(req);
  if (!p.ok) return p.response;
  return Response.json(withSmtp(await subscribe(getServices().pool, p.actor)));
});

/** Unsubscribe (idempotent). */
export const DELETE = route(async (req: Request) => {
  const p = await person(req);
  if (!p.ok) return p.response;
  return Response.json(withSmtp(await unsubscribe(getServices().pool, p.actor)));
});
