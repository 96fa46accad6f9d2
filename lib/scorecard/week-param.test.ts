import { describe, expect, it } from "vitest";
import { isoWeekLabel } from "./week-param";

describe("the week parameter", () => {
  it("accepts an ISO week, refuses malformed ones and weeks the year does not have", () => {
    expect(isoWeekLabel("2026-W48")).toBeNull();
    expect(isoWeekLabel("2025-W53")).toMatch(/does not exist/); // 2025 has 52 weeks
    expect(isoWeekLabel("2026-W53")).toBeNull(); // 2026 has 53
    expect(isoWeekLabel("2026-48")).toMatch(/ISO week/);
    expect(isoWeekLabel("2026-W00")).toMatch(/does not exist/);
    expect(isoWeekLabel("1970-W05")).toMatch(/1971/);
    expect(isoWeekLabel("1971-W01")).toBeNull();
  });
});
