import { describe, expect, it } from "vitest";
import {
  MAX_ID_LENGTH,
  MAX_QUANTITY,
  Rejection,
  array,
  checkedEventId,
  integer,
  invalid,
  mappedLocation,
  object,
  optionalText,
  optionalZonedTime,
  rejectedTranslation,
  text,
  zonedTime,
} from "./field-readers";

/** The Rejection a reader throws, so a test can assert its code and reason. */
function rejectionOf(read: () => unknown): Rejection {
  try {
    read();
  } catch (e) {
    if (e instanceof Rejection) return e;
    throw e;
  }
  throw new Error("expected a Rejection");
}

describe("field readers", () => {
  it("object and array name the field they refuse", () => {
    expect(object({ a: 1 }, "order")).toEqual({ a: 1 });
    for (const v of [null, 3, "x", [1]]) expect(rejectionOf(() => object(v, "order")).message).toBe("order must be a JSON object");
    expect(array([1], "lines")).toEqual([1]);
    expect(rejectionOf(() => array({}, "lines")).message).toBe("lines must be an array");
  });

  it("text refuses missing and blank values, optionalText makes them null", () => {
    expect(text("a", "sku")).toBe("a");
    expect(rejectionOf(() => text(undefined, "sku")).message).toBe("sku is missing");
    expect(rejectionOf(() => text(" ", "sku")).message).toBe('sku must be a non-empty string, got " "');
    expect(rejectionOf(() => text(7, "sku")).message).toBe("sku must be a non-empty string, got 7");
    expect(optionalText(" ")).toBeNull();
    expect(optionalText(7)).toBeNull();
    expect(optionalText("x")).toBe("x");
  });

  it("integer takes whole numbers from min to MAX_QUANTITY only", () => {
    expect(integer(0, "q", 0)).toBe(0);
    expect(integer(MAX_QUANTITY, "q", 0)).toBe(MAX_QUANTITY);
    expect(integer(-MAX_QUANTITY, "stock", -MAX_QUANTITY)).toBe(-MAX_QUANTITY);
    expect(rejectionOf(() => integer(null, "q", 0)).message).toBe("q is missing");
    expect(rejectionOf(() => integer(-1, "q", 0)).message).toBe("q must be an integer from 0 to 1000000000, got -1");
    expect(rejectionOf(() => integer(1.5, "q", 0)).message).toBe("q must be an integer from 0 to 1000000000, got 1.5");
    expect(rejectionOf(() => integer("2", "q", 0)).message).toBe('q must be an integer from 0 to 1000000000, got "2"');
    expect(rejectionOf(() => integer(MAX_QUANTITY + 1, "q", 0)).code).toBe("invalid_payload");
  });

  it("zoned times are re-expressed in UTC; a missing optional one is null", () => {
    expect(zonedTime("2024-11-01T09:35:43.000-04:00", "t", "EX")).toEqual({ iso: "2024-11-01T13:35:43.000Z", ms: Date.parse("2024-11-01T13:35:43Z") });
    expect(rejectionOf(() => zonedTime("2017-02-30T00:00:00Z", "t", "EX")).message).toBe('t must be an ISO-8601 date-time with a zone, like EX, got "2017-02-30T00:00:00Z"');
    expect(rejectionOf(() => zonedTime(undefined, "t", "EX")).message).toBe("t is missing");
    expect(optionalZonedTime(null, "t", "EX")).toBeNull();
    expect(optionalZonedTime(undefined, "t", "EX")).toBeNull();
    expect(optionalZonedTime("2020-07-13T19:42:04.284Z", "t", "EX")?.iso).toBe("2020-07-13T19:42:04.284Z");
    expect(rejectionOf(() => optionalZonedTime("2020-07-13", "t", "EX")).message).toContain("like EX");
  });

  it("rejectedTranslation turns a Rejection into the translation's answer and lets anything else through", () => {
    expect(rejectedTranslation(invalid("q is missing"), "orders/create")).toEqual({ kind: "rejected", topic: "orders/create", code: "invalid_payload", message: "q is missing" });
    expect(rejectedTranslation(new Rejection("unmapped_location", "no mapping"), null)).toEqual({ kind: "rejected", topic: null, code: "unmapped_location", message: "no mapping" });
    const bug = new TypeError("not the body's fault");
    expect(() => rejectedTranslation(bug, "t")).toThrow(bug);
  });
});

describe("event ids and locations", () => {
  it("refuses an event id past MAX_ID_LENGTH, naming its start", () => {
    expect(checkedEventId("a".repeat(MAX_ID_LENGTH))).toHaveLength(MAX_ID_LENGTH);
    const r = rejectionOf(() => checkedEventId("b".repeat(MAX_ID_LENGTH + 1)));
    expect(r.code).toBe("invalid_payload");
    expect(r.message).toBe(`event id "${"b".repeat(60)}…" is longer than 200 characters`);
  });

  it("maps a provider location key, or rejects it as unmapped naming source, provider and key", () => {
    const source = { code: "amz-mx", locations: { default: "GDL" } };
    expect(mappedLocation(source, "default", "Amazon")).toBe("GDL");
    const r = rejectionOf(() => mappedLocation(source, "A1AM78C64UM0Y8", "Amazon"));
    expect(r.code).toBe("unmapped_location");
    expect(r.message).toBe('source "amz-mx" maps no Onepool location for Amazon location key "A1AM78C64UM0Y8"');
  });

  it("rejects a key that names an inherited property (constructor, __proto__, toString) as unmapped, never returning it", () => {
    const source = { code: "ml-ar", locations: { default: "GDL" } };
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(rejectionOf(() => mappedLocation(source, key, "MercadoLibre")).code, key).toBe("unmapped_location");
    }
  });
});
