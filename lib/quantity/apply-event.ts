import { isTrusted } from "./event-order";
import { availableOf } from "./level-math";
import { countVariance, sourceDrift } from "./variance";
import { ABSOLUTE_TYPES, type AbsoluteEffect, type LevelState, type StockEvent, type TrustedSources } from "./types";

export const isAbsolute = (e: Pick<StockEvent, "type">): boolean => ABSOLUTE_TYPES.has(e.type);

/** The (SKU, location) keys an event changes: its location, and `toLocation` for the two-sided types. */
export function locationsTouched(e: StockEvent): string[] {
  if ((e.type === "transfer.out" || e.type === "order.reallocated") && e.toLocation) return [e.location, e.toLocation];
  return [e.location];
}

/**
 * The effect of one event on the level at `location` (docs/QUANTITY-MODEL.md §4 table). Returns a new state; the
 * input is not modified. Absolutes also return what they found (count variance or untrusted drift).
 */
export function applyEvent(state: LevelState, e: StockEvent, location: string, trusted: TrustedSources): { state: LevelState; effect: AbsoluteEffect | null } {
  const s: LevelState = { ...state, incoming: state.incoming };
  const q = e.quantity;
  let effect: AbsoluteEffect | null = null;
  const here = location === e.location;

  switch (e.type) {
    case "order.placed":
      s.committed += q;
      break;
    case "order.cancelled":
      s.committed -= q;
      break;
    case "order.shipped":
      s.committed -= q;
      s.onHand -= q;
      break;
    case "order.reallocated":
      if (here) s.committed -= q;
      else s.committed += q;
      break;
    case "order.delivered":
      break;
    case "return.received":
      s.onHand += q;
      s.qualityControl += q;
      break;
    case "return.inspected":
      s.qualityControl -= q;
      if (e.condition === "damaged") s.damaged += q;
      break;
    case "receipt":
      s.onHand += q;
      if (e.reference) s.incoming = addIncoming(s.incoming, e.reference, -q, null);
      break;
    case "asn":
    case "po":
      s.incoming = addIncoming(s.incoming, e.reference ?? "", q, e.expectedAt ?? null);
      break;
    case "transfer.out":
      if (here) s.onHand -= q;
      else s.incoming = addIncoming(s.incoming, e.reference ?? "", q, e.expectedAt ?? null);
      break;
    case "transfer.in":
      s.onHand += q;
      s.incoming = addIncoming(s.incoming, e.reference ?? "", -q, null);
      break;
    case "adjustment":
      s.onHand += q;
      break;
    case "shrink":
      s.onHand -= q;
      break;
    case "damage":
      s.damaged += q;
      break;
    case "reservation.created":
      s.reserved += q;
      break;
    case "reservation.released":
    case "reservation.expired":
      s.reserved -= q;
      break;
    case "cycle_count":
    case "snapshot": {
      const target = e.type === "cycle_count" || e.bucket !== "available" ? "on_hand" : "available";
      const current = target === "on_hand" ? s.onHand : availableOf(s);
      // Any absolute pins the order after it: a later-arriving older event must recompute, or a
      // count's variance (or an untrusted source's drift) would be measured against the wrong state.
      s.lastAbsoluteAt = e.occurredAt;
      if (!isTrusted(e.source, trusted)) {
        // An untrusted source never moves the number; its disagreement is reported as drift.
        effect = { kind: "drift", amount: sourceDrift(current, q) };
        break;
      }
      effect = { kind: "variance", amount: countVariance(current, q) };
      s.onHand += q - current;
      if (e.type === "cycle_count") s.lastCountAt = e.occurredAt;
      break;
    }
  }
  s.lastEventAt = s.lastEventAt === null ? e.occurredAt : Math.max(s.lastEventAt, e.occurredAt);
  return { state: s, effect };
}

function addIncoming(incoming: LevelState["incoming"], ref: string, delta: number, expectedAt: number | null): LevelState["incoming"] {
  const prev = incoming[ref];
  const next = { ...incoming };
  next[ref] = { qty: (prev?.qty ?? 0) + delta, expectedAt: expectedAt ?? prev?.expectedAt ?? null };
  return next;
}
