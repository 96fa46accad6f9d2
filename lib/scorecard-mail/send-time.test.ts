import { describe, expect, it } from "vitest";
import { dueWeek, sendTimeOf } from "./send-time";

describe("sendTimeOf", () => {
  it("is Monday 08:00 on the zone's wall clock", () => {
    // Berlin is UTC+1 in winter: 08:00 local = 07:00 UTC.
    expect(sendTimeOf("2026-W49", "Europe/Berlin").toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(sendTimeOf("2026-W49", "UTC").toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("stays at 08:00 local on the Monday after a DST change, not Monday 00:00 + 8 h of the week before's offset", () => {
    // Europe/Berlin springs forward on Sunday 29 March 2026: Monday 30 March is UTC+2.
    expect(sendTimeOf("2026-W14", "Europe/Berlin").toISOString()).toBe("2026-03-30T06:00:00.000Z");
    // America/Santiago changes on Sunday 5 April 2026 (UTC−3 → UTC−4): Monday 6 April 08:00 = 12:00 UTC.
    expect(sendTimeOf("2026-W15", "America/Santiago").toISOString()).toBe("2026-04-06T12:00:00.000Z");
  });

  it("reads Monday 08:00 on the local clock in every week of a year with DST", () => {
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    for (let w = 1; w <= 53; w++) expect(local.format(sendTimeOf(`2026-W${String(w).padStart(2, "0")}`, "Europe/Berlin"))).toBe("Mon 08:00");
  });
});

describe("dueWeek", () => {
  const tz = "America/New_York";
  // 2026-11-30 is a Monday; New York is UTC−5 (DST ended on 1 November).
  it("nothing is due on Monday before 08:00 local; the last complete week from 08:00", () => {
    expect(dueWeek(Date.parse("2026-11-30T12:59:59.999Z"), tz)).toBeNull();
    expect(dueWeek(Date.parse("2026-11-30T13:00:00.000Z"), tz)).toBe("2026-W48");
    expect(dueWeek(Date.parse("2026-12-06T23:00:00.000Z"), tz)).toBe("2026-W48");
  });

  it("right after the week ends (Monday 00:00 local) nothing is due, though the week is complete", () => {
    expect(dueWeek(Date.parse("2026-11-30T05:00:00.000Z"), tz)).toBeNull();
    // Sunday evening local (already Monday in UTC): still the week before.
    expect(dueWeek(Date.parse("2026-11-30T03:00:00.000Z"), tz)).toBe("2026-W47");
  });

  it("on the Monday after spring-forward, 08:00 EDT (12:00 UTC) and not 08:00 EST", () => {
    // DST starts Sunday 8 March 2026 in New York; Monday 9 March 08:00 EDT = 12:00 UTC.
    expect(dueWeek(Date.parse("2026-03-09T11:59:00.000Z"), tz)).toBeNull();
    expect(dueWeek(Date.parse("2026-03-09T12:00:00.000Z"), tz)).toBe("2026-W10");
  });
});
