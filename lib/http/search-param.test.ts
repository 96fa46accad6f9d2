import { describe, expect, it } from "vitest";
import { searchParam } from "./search-param";

describe("searchParam", () => {
  it("trims a single value", () => expect(searchParam({ week: " 2026-W48 " }, "week")).toBe("2026-W48"));
  it("is null when absent, blank or repeated", () => {
    expect(searchParam({}, "week")).toBeNull();
    expect(searchParam({ week: "  " }, "week")).toBeNull();
    expect(searchParam({ week: ["2026-W01", "2026-W02"] }, "week")).toBeNull();
  });
  it("cuts to max when given, and only then", () => {
    expect(searchParam({ code: "x".repeat(150) }, "code", 100)).toHaveLength(100);
    expect(searchParam({ code: "x".repeat(150) }, "code")).toHaveLength(150);
  });
});
