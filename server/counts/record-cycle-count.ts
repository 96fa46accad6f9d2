import "server-only";
import { isTrusted, ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { randomUUID } from "node:crypto";
import type { CycleCountInput } from "@/lib/contracts/counts";
import type { Actor } from "@/lib/auth/actor";
import { AdminError } from "@/server/http/admin-error";
import { ingestEvents } from "@/server/ingest/ingest-events";
import type { Services } from "@/server/services";

/**
 * A person's cycle count becomes a canonical `cycle_count` event (docs/QUANTITY-MODEL.md §4) through the same
 * ingest path as any connector's, so it is in the ledger, folds by time and precedence, and
 * reports variance. Who counted is in the event's payload.
 */
export async function recordCycleCount(services: Pick<Services, "ingest" | "catalog">, sku: string, input: CycleCountInput, actor: Actor) {
  const location = services.catalog.locations.get(input.location);
  if (!location) throw new AdminError(422, "unknown_location", `no location "${input.location}"`, "location");
  const event = {
    id: `count-${randomUUID()}`,
    source: ONEPOOL_COUNTS_SOURCE,
    type: "cycle_count",
    sku,
    location: input.location,
    quantity: input.quantity,
    occurredAt: new Date().toISOString(),
    reason: input.note || "cycle count",
    payload: { countedBy: actor.label, actorKind: actor.kind, actorId: actor.id },
  };
  const [r] = await ingestEvents(services.ingest, [event], { token: null, receivedAt: new Date() });
  if (r.status === "rejected") throw new AdminError(422, r.error.code, r.error.message, r.error.field);
  const trusted = isTrusted(ONEPOOL_COUNTS_SOURCE, location.trustedSources);
  return { id: event.id, status: r.status, trusted };
}
