import { describe, expect, it } from "vitest";
import { issuesByField, parseSettingInput, settingsPatch } from "./setting-fields";

describe("alert settings form", () => {
  it("sends numbers as numbers and anything else as typed, for the API to name", () => {
    expect(parseSettingInput(" 12 ")).toBe(12);
    expect(parseSettingInput("2,5")).toBe(2.5);
    expect(parseSettingInput("")).toBe("");
    expect(parseSettingInput("ten")).toBe("ten");
  });

  it("patches only the fields that changed", () => {
    const saved = { variance: { enabled: true, minUnits: 5 }, drift: { enabled: true, olderThanSeconds: 1800 } };
    expect(settingsPatch(saved, { variance: { enabled: true, minUnits: 2 }, drift: { enabled: true, olderThanSeconds: 1800 } })).toEqual({ variance: { minUnits: 2 } });
    expect(settingsPatch(saved, saved)).toBeNull();
  });

  it("reads the API's issues by kind.field", () => {
    expect(issuesByField({ field: "variance.minUnits", issues: [{ path: "variance.minUnits", message: "Too small" }] })).toEqual({ "variance.minUnits": "Too small" });
    expect(issuesByField(undefined)).toEqual({});
  });
});
