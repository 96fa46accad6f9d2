import { z } from "zod";
import { findUnstorable } from "./find-unstorable";
import { parseIsoTime } from "./parse-iso-time";
import { CANCEL_REASONS, EVENT_TYPES, type EventQualifiers, type EventType, RETURN_CONDITIONS, SNAPSHOT_BUCKETS } from "../quantity/types";

/** A canonical event that passed validation; SKU/listing/location codes are not resolved yet. */
export interface CanonicalEvent extends Required<EventQualifiers> {
  id: string;
  source: string;
  type: EventType;
  sku: string | null;
  listing: { channel: string; externalId: string } | null;
  location: string;
  toLocation: string | null;
  channel: string | null;
  quantity: number;
  occurredAt: Date;
  version: string | null;
  orderId: string | null;
  reservationId: string | null;
  expectedAt: Date | null;
  /** order.placed only: the delivery date promised to the buyer (docs/SCORECARD.md#figures promise accuracy). */
  promisedAt: Date | null;
  payload: unknown;
}

export interface EventRejection {
  code: string;
  message: string;
  field?: string;
}

export type ParseResult = { ok: true; event: CanonicalEvent } | { ok: false; error: EventRejection };

const code = (max: number) => z.string().trim().min(1).max(max);
// The same reader as the provider translators: a real instant with a zone, never a rolled-over date.
const isoTime = z.iso.datetime({ offset: true, precision: undefined }).refine((v) => parseIsoTime(v) !== null, "not a real date-time (check the day of the month and the offset)");
const MAX_QUANTITY = 1_000_000_000;

const schema = z
  .object({
    id: code(200),
    source: code(100),
    type: z.enum(EVENT_TYPES),
    sku: code(100).nullish(),
    listing: z
      .object({ channel: code(100), externalId: code(200) })
      .strict()
      .nullish(),
    location: code(100),
    toLocation: code(100).nullish(),
    channel: code(100).nullish(),
    quantity: z.number().int().min(-MAX_QUANTITY).max(MAX_QUANTITY),
    occurredAt: isoTime,
    version: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/, "a version is up to 18 digits (it is stored as a 64-bit integer)")]).nullish(),
    orderId: code(200).nullish(),
    reservationId: code(200).nullish(),
    reference: code(200).nullish(),
    reason: code(200).nullish(),
    condition: z.enum(RETURN_CONDITIONS).nullish(),
    bucket: z.enum(SNAPSHOT_BUCKETS).nullish(),
    expectedAt: isoTime.nullish(),
    promisedAt: isoTime.nullish(),
    payload: z.unknown().optional(),
  })
  .strict();

/** Types whose quantity may be 0 (an absolute can say "none left"). `adjustment` is signed. */
const ZERO_ALLOWED: ReadonlySet<EventType> = new Set(["cycle_count", "snapshot"]);
const NEEDS_REFERENCE: ReadonlySet<EventType> = new Set(["asn", "po", "transfer.out", "transfer.in"]);
const NEEDS_TO_LOCATION: ReadonlySet<EventType> = new Set(["transfer.out", "order.reallocated"]);

/**
 * Validate one canonical event (docs/QUANTITY-MODEL.md §4). `now` bounds how far in the future occurredAt may be.
 * Every failure names the field and the reason, so a connector can fix its payload.
 */
export function parseCanonicalEvent(input: unknown, now: Date, futureToleranceMs: number): ParseResult {
  // What Postgres text and jsonb cannot store is refused here with the field named (400): left to the
  // write, it fails the batch and the sender gets 503 on every retry.
  const bad = findUnstorable(input);
  if (bad !== null) return { ok: false, error: { code: "invalid_field", message: `${bad.path || "event"}: ${bad.problem}`, field: bad.path || undefined } };
  const r = schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.path.join(".") || undefined;
    const top = issue.path[0];
    const absent = typeof top === "string" && input !== null && typeof input === "object" && !(top in input);
    const code = issue.code === "unrecognized_keys" ? "unknown_field" : absent ? "missing_field" : "invalid_field";
    const message = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : `${field ?? "event"}: ${issue.message}`;
    return { ok: false, error: { code, message, field } };
  }
  const d = r.data;
  const fail = (code: string, message: string, field?: string): ParseResult => ({ ok: false, error: { code, message, field } });

  if (!d.sku && !d.listing) return fail("missing_field", "one of sku or listing is required", "sku");
  if (d.type === "adjustment") {
    if (d.quantity === 0) return fail("invalid_quantity", "adjustment quantity must be a non-zero integer", "quantity");
  } else if (d.quantity < 0 || (d.quantity === 0 && !ZERO_ALLOWED.has(d.type))) {
    return fail("invalid_quantity", `${d.type} quantity must be a positive integer`, "quantity");
  }
  if ((d.type === "adjustment" || d.type === "shrink") && !d.reason) return fail("missing_field", `${d.type} requires a reason`, "reason");
  if (d.type === "order.cancelled" && d.reason && !(CANCEL_REASONS as readonly string[]).includes(d.reason)) {
    return fail("invalid_field", `order.cancelled reason must be one of ${CANCEL_REASONS.join(", ")}`, "reason");
  }
  if (d.type === "return.inspected" && !d.condition) return fail("missing_field", "return.inspected requires condition (resellable or damaged)", "condition");
  if (d.type === "snapshot" && !d.bucket) return fail("missing_field", "snapshot requires bucket (on_hand or available)", "bucket");
  if (NEEDS_REFERENCE.has(d.type) && !d.reference) return fail("missing_field", `${d.type} requires a reference`, "reference");
  if (NEEDS_TO_LOCATION.has(d.type)) {
    if (!d.toLocation) return fail("missing_field", `${d.type} requires toLocation`, "toLocation");
    if (d.toLocation === d.location) return fail("invalid_field", "toLocation must differ from location", "toLocation");
  }

  if (d.promisedAt && d.type !== "order.placed") return fail("invalid_field", "promisedAt is for order.placed only (the delivery date promised to the buyer)", "promisedAt");

  const occurredAt = new Date(parseIsoTime(d.occurredAt)!);
  if (occurredAt.getTime() - now.getTime() > futureToleranceMs) {
    return fail("clock_drift", `occurredAt ${d.occurredAt} is more than ${Math.round(futureToleranceMs / 1000)} s in the future`, "occurredAt");
  }

  return {
    ok: true,
    event: {
      id: d.id,
      source: d.source,
      type: d.type,
      sku: d.sku ?? null,
      listing: d.listing ?? null,
      location: d.location,
      toLocation: d.toLocation ?? null,
      channel: d.channel ?? null,
      quantity: d.quantity,
      occurredAt,
      version: d.version === null || d.version === undefined ? null : String(d.version),
      orderId: d.orderId ?? null,
      reservationId: d.reservationId ?? null,
      reference: d.reference ?? null,
      reason: d.type === "order.cancelled" ? (d.reason ?? "other") : (d.reason ?? null),
      condition: d.condition ?? null,
      bucket: d.bucket ?? null,
      expectedAt: d.expectedAt ? new Date(parseIsoTime(d.expectedAt)!) : null,
      promisedAt: d.promisedAt ? new Date(parseIsoTime(d.promisedAt)!) : null,
      payload: d.payload,
    },
  };
}
