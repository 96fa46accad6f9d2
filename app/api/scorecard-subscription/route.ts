import { authorizedRoute, jsonError } from "@/server/http/route-helpers";
import { getSubscription } from "@/server/scorecard-mail/get-subscription";
import { subscribe, unsubscribe } from "@/server/scorecard-mail/save-subscription";
import { getServices } from "@/server/services";
import type { Actor } from "@/lib/auth/actor";

// The signed-in person's own subscription to the weekly scorecard e-mail (docs/SCORECARD.md#figures). Only people
// who may read the scorecard; a connector token has no inbox (403).

/** A route for the signed-in person: answers their subscription with whether this server can send at all (ONEPOOL_SMTP_URL), and the zone its Monday 08:00 is in. */
const personRoute = (handle: (actor: Extract<Actor, { kind: "user" }>) => Promise<object>) =>
  authorizedRoute("scorecard.read", async ({ actor }) => {
    if (actor.kind !== "user") return jsonError(403, "forbidden", "the scorecard e-mail goes to people: sign in as yourself to subscribe");
    const { env } = getServices();
    return Response.json({ ...(await handle(actor)), mailEnabled: !!env.ONEPOOL_SMTP_URL, timezone: env.ONEPOOL_TIMEZONE });
  });

export const GET = personRoute((actor) => getSubscription(getServices().pool, actor.id));

/** Subscribe (idempotent). */
export const PUT = personRoute((actor) => subscribe(getServices().pool, actor));

/** Unsubscribe (idempotent). */
export const DELETE = personRoute((actor) => unsubscribe(getServices().pool, actor));
