import { describe, expect, it } from "vitest";
import { subjectCodes, subjectFields, subjectKey, subjectProblem } from "./subject";

describe("alert subjects", () => {
  it("have one canonical key whatever order the fields were given in", () => {
    expect(subjectKey({ channelId: 3, skuId: 12 })).toBe("sku:12/channel:3");
    expect(subjectKey({ source: "wms", locationId: 2, skuId: 1 })).toBe("sku:1/location:2/source:wms");
  });
  it("escape codes, so a code holding the separator cannot collide with another subject", () => {
    expect(subjectKey({ listing: { channel: "a:b", externalId: "c/d" } })).toBe("listing:a%3Ab:c%2Fd");
    expect(subjectKey({ listing: { channel: "a", externalId: "b:c" } })).not.toBe(subjectKey({ listing: { channel: "a:b", externalId: "c" } }));
  });
  it("must name exactly the fields of their kind", () => {
    expect(subjectProblem("stockout_listed", subjectFields({ skuId: 1, channelId: 2 }))).toBeNull();
    expect(subjectProblem("stockout_listed", ["sku"])).toMatch(/sku \+ channel/);
    expect(subjectProblem("lag_sla", ["source"])).toBeNull();
    expect(subjectProblem("lag_sla", ["channel"])).toBeNull();
    expect(subjectProblem("lag_sla", ["source", "channel"])).toMatch(/source or channel/);
    expect(subjectProblem("drift", ["location", "source", "sku"])).toBeNull();
    expect(subjectProblem("unmapped", [])).toMatch(/listing/);
  });
  it("by their codes keep only the fields named, whatever else the object carries", () => {
    const listing = { channel: "ml", externalId: "MLA1" };
    const alert = { kind: "unmapped", value: { events: 3 }, sku: "", source: "wms", listing };
    expect(subjectCodes(alert)).toStrictEqual({ source: "wms", listing });
    expect(subjectCodes({ sku: "A", channel: "web", location: "main" })).toStrictEqual({ sku: "A", channel: "web", location: "main" });
    expect(subjectCodes({})).toStrictEqual({});
  });
});
