import { describe, expect, it } from "vitest";
import { CANCEL_REASONS, EVENT_TYPES } from "../quantity/types";
import { parseCanonicalEvent, type ParseResult } from "./parse-canonical-event";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const TOLERANCE_MS = 60_000;

const valid = {
  id: "evt-1",
  source: "wms-eu-1",
  type: "order.placed",
  sku: "KNEE-BRACE-M-BLK",
  location: "3pl-mx-1",
  quantity: 2,
  occurredAt: "2026-11-22T09:59:00.000Z",
};

const parse = (body: unknown, now = NOW) => parseCanonicalEvent(body, now, TOLERANCE_MS);
const without = (key: keyof typeof valid) => {
  const copy: Record<string, unknown> = { ...valid };
  delete copy[key];
  return copy;
};
function rejection(r: ParseResult) {
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.event)}`);
  return r.error;
}
function accepted(r: ParseResult) {
  if (!r.ok) throw new Error(`expected the event to pass, got ${JSON.stringify(r.error)}`);
  return r.event;
}

describe("parseCanonicalEvent: a valid event", () => {
  it("normalises the docs/QUANTITY-MODEL.md §4 example", () => {
    const example = {
      id: "src-17",
      source: "wms-eu-1",
      type: "order.placed",
      sku: "KNEE-BRACE-M-BLK",
      listing: { channel: "amazon", externalId: "B0TEST" },
      location: "3pl-mx-1",
      channel: "amazon",
      quantity: 2,
      occurredAt: "2026-11-22T09:15:03.120Z",
      version: 17,
      orderId: "o-1",
      reservationId: "r-1",
      payload: { raw: true },
    };
    // The example's fields come back as sent but for the time and version; the optionals it leaves out come back null.
    const absent = { toLocation: null, reference: null, reason: null, condition: null, bucket: null, expectedAt: null, promisedAt: null };
    expect(accepted(parse(example))).toEqual({ ...example, ...absent, occurredAt: new Date("2026-11-22T09:15:03.120Z"), version: "17" });
  });

  it("order.placed may carry promisedAt (the delivery date promised to the buyer); other types may not", () => {
    expect(accepted(parse({ ...valid, type: "order.placed", promisedAt: "2026-11-25T18:00:00-06:00" })).promisedAt).toEqual(new Date("2026-11-26T00:00:00Z"));
    expect(rejection(parse({ ...valid, type: "order.shipped", promisedAt: "2026-11-25T18:00:00Z" }))).toMatchObject({ code: "invalid_field", field: "promisedAt" });
    expect(rejection(parse({ ...valid, type: "order.placed", promisedAt: "next tuesday" }))).toMatchObject({ field: "promisedAt" });
  });

  it("accepts every event type with its required fields", () => {
    const extra: Record<string, Record<string, unknown>> = {
      "order.reallocated": { toLocation: "wh-2" },
      "return.inspected": { condition: "resellable" },
      asn: { reference: "ASN-1", expectedAt: "2026-12-01T00:00:00Z" },
      po: { reference: "PO-1" },
      "transfer.out": { reference: "TR-1", toLocation: "wh-2" },
      "transfer.in": { reference: "TR-1" },
      adjustment: { reason: "found" },
      shrink: { reason: "theft" },
      snapshot: { bucket: "available" },
    };
    for (const type of EVENT_TYPES) {
      const r = parse({ ...valid, type, ...extra[type] });
      expect(r.ok, `${type}: ${JSON.stringify(r)}`).toBe(true);
    }
  });

  it("trims codes and turns absent optionals into null", () => {
    const e = accepted(parse({ ...valid, id: "  evt-9 ", source: " wms ", location: " L1 ", toLocation: undefined, reference: null }));
    expect([e.id, e.source, e.location, e.toLocation, e.reference, e.version, e.payload]).toEqual(["evt-9", "wms", "L1", null, null, null, undefined]);
  });

  it("accepts a listing instead of a SKU", () => {
    const e = accepted(parse({ ...without("sku"), listing: { channel: "meli", externalId: "MLB123" } }));
    expect(e.sku).toBeNull();
    expect(e.listing).toEqual({ channel: "meli", externalId: "MLB123" });
  });

  it("accepts an ISO time with an offset and parses expectedAt", () => {
    const e = accepted(parse({ ...valid, type: "asn", reference: "A1", occurredAt: "2026-11-22T11:30:00+02:00", expectedAt: "2026-11-30T08:00:00Z" }));
    expect(e.occurredAt.toISOString()).toBe("2026-11-22T09:30:00.000Z");
    expect(e.expectedAt?.toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });
});

describe("parseCanonicalEvent: structural rejections", () => {
  it("an unknown field is unknown_field and names it", () => {
    const err = rejection(parse({ ...valid, qty: 2 }));
    expect(err.code).toBe("unknown_field");
    expect(err.message).toContain("qty");
  });

  it("an unknown field inside listing is unknown_field too", () => {
    const err = rejection(parse({ ...valid, listing: { channel: "amazon", externalId: "B0", asin: "x" } }));
    expect(err).toMatchObject({ code: "unknown_field", field: "listing" });
    expect(err.message).toContain("asin");
  });

  it.each(["id", "source", "type", "location", "quantity", "occurredAt"] as const)("a missing %s is missing_field on that field", (key) => {
    expect(rejection(parse(without(key)))).toMatchObject({ code: "missing_field", field: key });
  });

  it("missing both sku and listing is missing_field (sku)", () => {
    expect(rejection(parse(without("sku")))).toMatchObject({ code: "missing_field", field: "sku" });
    expect(rejection(parse({ ...valid, sku: null, listing: null }))).toMatchObject({ code: "missing_field", field: "sku" });
  });

  it("an incomplete listing names the nested field", () => {
    const err = rejection(parse({ ...without("sku"), listing: { channel: "amazon" } }));
    expect(err.field).toBe("listing.externalId");
  });

  it("wrong types and values are invalid_field on that field", () => {
    expect(rejection(parse({ ...valid, id: "   " }))).toMatchObject({ code: "invalid_field", field: "id" });
    expect(rejection(parse({ ...valid, type: "order.lost" }))).toMatchObject({ code: "invalid_field", field: "type" });
    expect(rejection(parse({ ...valid, quantity: 1.5 }))).toMatchObject({ code: "invalid_field", field: "quantity" });
    expect(rejection(parse({ ...valid, quantity: "2" }))).toMatchObject({ code: "invalid_field", field: "quantity" });
    expect(rejection(parse({ ...valid, quantity: 1_000_000_001 }))).toMatchObject({ code: "invalid_field", field: "quantity" });
    expect(rejection(parse({ ...valid, occurredAt: "2026-11-22 09:00" }))).toMatchObject({ code: "invalid_field", field: "occurredAt" });
    expect(rejection(parse({ ...valid, occurredAt: "2026-11-22T09:00:00" }))).toMatchObject({ code: "invalid_field", field: "occurredAt" });
    // Impossible calendar dates are refused by the same reader the provider translators use.
    expect(rejection(parse({ ...valid, occurredAt: "2017-02-30T10:00:00-05:00" }))).toMatchObject({ code: "invalid_field", field: "occurredAt" });
    expect(rejection(parse({ ...valid, type: "asn", reference: "A1", expectedAt: "2026-02-29T00:00:00Z" }))).toMatchObject({ code: "invalid_field", field: "expectedAt" });
    expect(rejection(parse({ ...valid, type: "return.inspected", condition: "broken" }))).toMatchObject({ code: "invalid_field", field: "condition" });
    expect(rejection(parse({ ...valid, type: "snapshot", bucket: "committed" }))).toMatchObject({ code: "invalid_field", field: "bucket" });
  });

  it("a body that is not an object is rejected without a field", () => {
    for (const body of ["hello", null, [], 42]) {
      const err = rejection(parse(body));
      expect(err.code).toBe("invalid_field");
      expect(err.field).toBeUndefined();
    }
  });
});

describe("parseCanonicalEvent: versions", () => {
  it("accepts a number or a digit string and always returns a string", () => {
    expect(accepted(parse({ ...valid, version: 17 })).version).toBe("17");
    expect(accepted(parse({ ...valid, version: 0 })).version).toBe("0");
    expect(accepted(parse({ ...valid, version: "9007199254740993" })).version).toBe("9007199254740993");
    expect(accepted(parse({ ...valid, version: "999999999999999999" })).version).toBe("999999999999999999");
    // The ledger stores versions as 64-bit integers: longer ones are refused at the door, not at insert.
    expect(rejection(parse({ ...valid, version: "1234567890123456789" }))).toMatchObject({ code: "invalid_field", field: "version" });
    expect(accepted(parse({ ...valid, version: null })).version).toBeNull();
  });

  it("rejects negative, fractional, unsafe-integer and non-digit versions", () => {
    for (const version of [-1, 1.5, 2 ** 53, "1a", "-3", "", "1234567890123456789012345678901"]) {
      expect(rejection(parse({ ...valid, version })), String(version)).toMatchObject({ code: "invalid_field", field: "version" });
    }
  });
});

describe("parseCanonicalEvent: quantity rules", () => {
  it("adjustment is signed but never 0", () => {
    expect(accepted(parse({ ...valid, type: "adjustment", reason: "found", quantity: -4 })).quantity).toBe(-4);
    expect(accepted(parse({ ...valid, type: "adjustment", reason: "found", quantity: 4 })).quantity).toBe(4);
    expect(rejection(parse({ ...valid, type: "adjustment", reason: "found", quantity: 0 }))).toMatchObject({ code: "invalid_quantity", field: "quantity" });
  });

  it("every other delta needs a positive quantity", () => {
    for (const type of EVENT_TYPES) {
      if (type === "adjustment" || type === "cycle_count" || type === "snapshot") continue;
      expect(rejection(parse({ ...valid, type, quantity: 0 })), type).toMatchObject({ code: "invalid_quantity", field: "quantity" });
      expect(rejection(parse({ ...valid, type, quantity: -1 })), type).toMatchObject({ code: "invalid_quantity", field: "quantity" });
    }
  });

  it("absolutes may say 0 but never negative", () => {
    expect(accepted(parse({ ...valid, type: "cycle_count", quantity: 0 })).quantity).toBe(0);
    expect(accepted(parse({ ...valid, type: "snapshot", bucket: "on_hand", quantity: 0 })).quantity).toBe(0);
    expect(rejection(parse({ ...valid, type: "cycle_count", quantity: -1 }))).toMatchObject({ code: "invalid_quantity", field: "quantity" });
    expect(rejection(parse({ ...valid, type: "snapshot", bucket: "available", quantity: -2 }))).toMatchObject({ code: "invalid_quantity", field: "quantity" });
  });
});

describe("parseCanonicalEvent: per-type required fields", () => {
  it("adjustment and shrink require a reason", () => {
    expect(rejection(parse({ ...valid, type: "adjustment", quantity: 3 }))).toMatchObject({ code: "missing_field", field: "reason" });
    expect(rejection(parse({ ...valid, type: "shrink", quantity: 3 }))).toMatchObject({ code: "missing_field", field: "reason" });
    expect(rejection(parse({ ...valid, type: "shrink", quantity: 3, reason: " " }))).toMatchObject({ code: "invalid_field", field: "reason" });
    expect(accepted(parse({ ...valid, type: "shrink", quantity: 3, reason: "theft" })).reason).toBe("theft");
  });

  it("order.cancelled reason must be in the enum; absent means other", () => {
    for (const reason of CANCEL_REASONS) expect(accepted(parse({ ...valid, type: "order.cancelled", reason })).reason).toBe(reason);
    expect(rejection(parse({ ...valid, type: "order.cancelled", reason: "changed_mind" }))).toMatchObject({ code: "invalid_field", field: "reason" });
    expect(accepted(parse({ ...valid, type: "order.cancelled" })).reason).toBe("other");
  });

  it("a free-text reason is fine on other types", () => {
    expect(accepted(parse({ ...valid, type: "damage", reason: "forklift" })).reason).toBe("forklift");
  });

  it("return.inspected requires condition", () => {
    expect(rejection(parse({ ...valid, type: "return.inspected" }))).toMatchObject({ code: "missing_field", field: "condition" });
    expect(accepted(parse({ ...valid, type: "return.inspected", condition: "damaged" })).condition).toBe("damaged");
  });

  it("snapshot requires bucket", () => {
    expect(rejection(parse({ ...valid, type: "snapshot" }))).toMatchObject({ code: "missing_field", field: "bucket" });
    expect(accepted(parse({ ...valid, type: "snapshot", bucket: "on_hand" })).bucket).toBe("on_hand");
  });

  it.each(["asn", "po", "transfer.out", "transfer.in"] as const)("%s requires a reference", (type) => {
    const body = { ...valid, type, toLocation: type === "transfer.out" ? "wh-2" : undefined };
    expect(rejection(parse(body))).toMatchObject({ code: "missing_field", field: "reference" });
    expect(accepted(parse({ ...body, reference: "R-1" })).reference).toBe("R-1");
  });

  it("a receipt may or may not name a reference", () => {
    expect(accepted(parse({ ...valid, type: "receipt" })).reference).toBeNull();
    expect(accepted(parse({ ...valid, type: "receipt", reference: "PO-7" })).reference).toBe("PO-7");
  });

  it.each(["transfer.out", "order.reallocated"] as const)("%s requires a toLocation different from location", (type) => {
    const body = { ...valid, type, reference: "TR-1" };
    expect(rejection(parse(body))).toMatchObject({ code: "missing_field", field: "toLocation" });
    expect(rejection(parse({ ...body, toLocation: valid.location }))).toMatchObject({ code: "invalid_field", field: "toLocation" });
    expect(accepted(parse({ ...body, toLocation: "wh-2" })).toLocation).toBe("wh-2");
  });
});

describe("parseCanonicalEvent: clock drift", () => {
  it("rejects occurredAt further in the future than the tolerance, with the field named", () => {
    const err = rejection(parse({ ...valid, occurredAt: "2026-11-22T10:01:00.001Z" }));
    expect(err).toMatchObject({ code: "clock_drift", field: "occurredAt" });
    expect(err.message).toContain("60 s");
  });

  it("accepts up to exactly the tolerance, and anything in the past", () => {
    expect(parse({ ...valid, occurredAt: "2026-11-22T10:01:00.000Z" }).ok).toBe(true);
    expect(parse({ ...valid, occurredAt: "2020-01-01T00:00:00.000Z" }).ok).toBe(true);
  });

  it("measures against the given now, not the wall clock", () => {
    expect(rejection(parse(valid, new Date("2026-11-22T09:00:00.000Z"))).code).toBe("clock_drift");
  });
});

describe("text and nesting Postgres cannot store (review finding 22)", () => {
  const now = new Date("2026-11-22T10:00:00.000Z");
  const base = { id: "e1", source: "wms", type: "receipt", sku: "S", location: "L", quantity: 1, occurredAt: "2026-11-22T09:00:00Z" };
  const err = (input: unknown) => {
    const r = parseCanonicalEvent(input, now, 60_000);
    if (r.ok) throw new Error("expected a rejection");
    return r.error;
  };

  it("names the field holding a lone surrogate, high or low, in values and keys", () => {
    expect(err({ ...base, reference: "a\ud800" })).toMatchObject({ code: "invalid_field", field: "reference" });
    expect(err({ ...base, payload: { a: ["ok", "\udfffb"] } })).toMatchObject({ field: "payload.a.1" });
    expect(err({ ...base, payload: { "k\udbff": 1 } })).toMatchObject({ field: "payload.k\udbff" });
    expect(parseCanonicalEvent({ ...base, payload: { emoji: "\ud83d\ude00" } }, now, 60_000).ok).toBe(true);
  });

  it("finds NUL and surrogates at any depth, and refuses nesting deeper than the limit with its path", () => {
    let v: unknown = "a\u0000";
    for (let i = 0; i < 50; i++) v = [v];
    expect(err({ ...base, payload: v })).toMatchObject({ field: `payload${".0".repeat(50)}` });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const e = err({ ...base, payload: deep });
    expect(e.message).toContain("nested deeper than");
    expect(e.field).toBe(`payload${".x".repeat(63)}`);
  });
});
