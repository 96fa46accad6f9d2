import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT, validate } from "./rule-form";

// The editor checks its draft with the route's schema: what it lets through, the route accepts.
describe("rule editor draft", () => {
  it("empty is inherit: no error", () => expect(validate(EMPTY_DRAFT)).toEqual({}));
  it("says why a field is refused, in the form's words", () => {
    const e = validate({ ...EMPTY_DRAFT, bufferUnits: "-2", bufferPercent: "120", dynamicK: "1.23456", floor: "abc", reserveUnits: "2.5", maxQty: "2000000000" });
    expect(e).toEqual({
      bufferUnits: "A whole number ≥ 0.",
      bufferPercent: "A whole percent from 0 to 100.",
      dynamicK: "A number ≥ 0 with at most 4 decimals, e.g. 1.5.",
      floor: "A whole number ≥ 0.",
      reserveUnits: "A whole number ≥ 0.",
      maxQty: "At most 1,000,000,000.",
    });
  });
  it("accepts what the route accepts, and refuses min above max", () => {
    expect(validate({ ...EMPTY_DRAFT, bufferUnits: " 3 ", dynamicK: "0.5", minQty: "2", maxQty: "2" })).toEqual({});
    expect(validate({ ...EMPTY_DRAFT, minQty: "3", maxQty: "2" })).toEqual({ minQty: "Min shown cannot be above max shown." });
  });
});
