import "server-only";
import { isTrusted, ONEPOOL_COUNTS_SOURCE } from "@/lib/quantity/event-order";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AdminError } from "@/server/http/admin-error";
import { ingestEvents } from "@/server/ingest/ingest-events";
import type { Services } from "@/server/services";


export const cycleCountSchema = z
  .object({
    location: z.string().trim().min(1).max(100),
    quantity: z.number().int("must be a whole number of units").min(0, "cannot be negative").max(1_000_000_000),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

/**
 * A person's cycle count becomes a canonical `cycle_count` event (docs/QUANTITY-MODEL.md §4) through the same
 * ingest path as any connector's, so it is in the ledger, folds by time and precedence, and
 * reports variance. Who counted is in the event's payload.
 */
export async function recordCycleCount(services: Pick<Services, "ingest" | "catalog">, sku: string, input: z.infer<typeof cycleCountSchema>, actor: Actor) {
  const location = services.catalog.locations.get(input.location);
  if (!location) throw new AdminError(422, "unknown_location", `no location "${input.location}"`, "location");
  const event = {
    id: `count-${randomUUID()}`, source: ONEPOOL_COUNTS_SOURCE, type: "cycle_count", sku, location: input.location, quantity: input.quantity,
    occurredAt: new Date().toISOString(), reason: input.note || "cycle count", payload: { countedBy: actor.label, actorKind: actor.kind, actorId: actor.id },
  };
  const [r] = await ingestEvents(services.ingest, [event], { token: null, receivedAt: new Date() });
  if (r.status === "rejected") throw new AdminError(422, r.error.code, r.error.message, r.error.field);
  const trusted = isTrusted(ONEPOOL_COUNTS_SOURCE, location.trustedSources);
  return { id: event.id, status: r.status, trusted };
}
