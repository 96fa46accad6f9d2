import { describe, expect, it } from "vitest";
import { isTimeZone, lastCompleteWeek, parseIsoWeek, shiftWeek, weekOf, weekRange, weeksBefore } from "./iso-week";

describe("ISO weeks in a time zone", () => {
  it("a UTC week is Monday 00:00 to Monday 00:00", () => {
    expect(weekRange("2026-W48", "UTC")).toEqual({ from: new Date("2026-11-23T00:00:00Z"), to: new Date("2026-11-30T00:00:00Z") });
  });

  it("week 1 may start in the previous December; W53 exists only in long years", () => {
    expect(weekRange("2026-W01", "UTC").from).toEqual(new Date("2025-12-29T00:00:00Z"));
    expect(parseIsoWeek("2026-W53")).toEqual({ year: 2026, week: 53 }); // 2026 has 53 ISO weeks
    expect(parseIsoWeek("2025-W53")).toBeNull();
    expect(parseIsoWeek("2026-W00")).toBeNull();
    expect(parseIsoWeek("2026-48")).toBeNull();
  });

  it("follows the local clock: Mexico City (UTC−6, no DST since 2022) starts the week at 06:00 UTC", () => {
    expect(weekRange("2026-W48", "America/Mexico_City")).toEqual({ from: new Date("2026-11-23T06:00:00Z"), to: new Date("2026-11-30T06:00:00Z") });
  });

  it("a week containing a DST change is 167 or 169 hours long (New York: spring forward 8 Mar 2026, fall back 1 Nov 2026)", () => {
    const spring = weekRange("2026-W10", "America/New_York"); // Mon 2 Mar → Mon 9 Mar
    expect(spring.from).toEqual(new Date("2026-03-02T05:00:00Z")); // EST
    expect(spring.to).toEqual(new Date("2026-03-09T04:00:00Z")); // EDT
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(167);
    const fall = weekRange("2026-W44", "America/New_York"); // Mon 26 Oct → Mon 2 Nov
    expect((fall.to.getTime() - fall.from.getTime()) / 3_600_000).toBe(169);
  });

  it("an instant belongs to the week of its local date", () => {
    // Sunday 29 Nov 2026 23:30 in Mexico City is Monday 05:30 UTC: still W48 there, W49 in UTC.
    const t = new Date("2026-11-30T05:30:00Z");
    expect(weekOf(t, "America/Mexico_City")).toBe("2026-W48");
    expect(weekOf(t, "UTC")).toBe("2026-W49");
  });

  it("shifts across year ends and lists the weeks before, oldest first", () => {
    expect(shiftWeek("2026-W01", -1, "UTC")).toBe("2025-W52");
    expect(shiftWeek("2026-W53", 1, "Europe/Madrid")).toBe("2027-W01");
    expect(weeksBefore("2026-W02", 3, "UTC")).toEqual(["2025-W51", "2025-W52", "2026-W01"]);
    expect(lastCompleteWeek(new Date("2026-12-06T12:00:00Z"), "UTC")).toBe("2026-W48");
    expect(lastCompleteWeek(new Date("2026-12-07T03:00:00Z"), "America/Mexico_City")).toBe("2026-W48"); // still Sunday there
  });

  it("knows IANA zones", () => {
    expect(isTimeZone("America/Mexico_City")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
