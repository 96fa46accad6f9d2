import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTimeToUtc, parseIsoTime } from "./parse-iso-time";

describe("parseIsoTime", () => {
  it("reads zoned times as the instant they name", () => {
    expect(isoTimeToUtc("2017-02-28T10:00:00-05:00")).toBe("2017-02-28T15:00:00.000Z");
    expect(isoTimeToUtc("2026-11-22T11:30:00+0200")).toBe("2026-11-22T09:30:00.000Z");
    expect(isoTimeToUtc("2020-07-13T19:42:04.284Z")).toBe("2020-07-13T19:42:04.284Z");
    expect(isoTimeToUtc("2020-07-13T19:42:04.123456789Z")).toBe("2020-07-13T19:42:04.123Z");
    expect(isoTimeToUtc("2024-02-29T00:00:00Z")).toBe("2024-02-29T00:00:00.000Z");
    expect(isoTimeToUtc("2000-02-29T23:59:59+23:59")).toBe("2000-02-29T00:00:59.000Z");
  });

  it.each([
    "2017-02-30T10:00:00-05:00", // 30 February: Date.parse makes it 2 March
    "2023-02-29T00:00:00Z", // not a leap year
    "1900-02-29T00:00:00Z", // centuries are not leap years ...
    "2021-04-31T00:00:00Z",
    "2021-13-01T00:00:00Z",
    "2021-00-10T00:00:00Z",
    "2021-01-00T00:00:00Z",
    "2021-01-01T24:00:00Z",
    "2021-01-01T23:60:00Z",
    "2021-01-01T23:59:60Z",
    "2021-01-01T10:00:00+24:00",
    "2021-01-01T10:00:00+05:60",
    "2021-01-01 10:00:00Z",
    "2021-01-01T10:00:00z",
    "2021-1-01T10:00:00Z",
    "2021-01-01T10:00Z",
    "",
  ])("refuses %j", (v) => {
    expect(parseIsoTime(v)).toBeNull();
  });

  it("needs a zone unless told that a missing one means UTC", () => {
    expect(parseIsoTime("2017-03-22T19:28:02")).toBeNull();
    expect(isoTimeToUtc("2017-03-22T19:28:02", { zone: "utc" })).toBe("2017-03-22T19:28:02.000Z");
    expect(isoTimeToUtc("2017-02-30T19:28:02", { zone: "utc" })).toBeNull();
  });

  it("years below 100 are those years, not 19xx", () => {
    expect(isoTimeToUtc("0099-01-01T00:00:00Z")).toBe("0099-01-01T00:00:00.000Z");
  });

  it("agrees with Date for every real instant, and round-trips its own output", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (d, offset) => {
          const iso = d.toISOString();
          expect(parseIsoTime(iso)).toBe(d.getTime());
          // The same instant written in another zone.
          const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? "-" : "+";
          const a = Math.abs(offset);
          const zoned = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
          if (/^\d{4}-/.test(local)) expect(parseIsoTime(zoned)).toBe(d.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
