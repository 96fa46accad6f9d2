import { describe, expect, it } from "vitest";
import { formatRelative } from "./relative-time";
import { DAY_MS as D, HOUR_MS as H, MINUTE_MS as MIN } from "@/lib/time/durations";

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const at = (ms: number) => new Date(NOW + ms).toISOString();
const S = 1000;

describe("formatRelative", () => {
  it("a token expiring in about a day reads the same way all along: never 'tomorrow', never 'in 24 hr.'", () => {
    for (const ms of [D + 2 * H, D, D - 20 * MIN]) expect(formatRelative(at(ms), NOW)).toBe("in 1 day");
    expect(formatRelative(at(D - 40 * MIN), NOW)).toBe("in 23 hr.");
    expect(formatRelative(at(-D), NOW)).toBe("1 day ago");
  });

  it("rolls up to the next unit instead of '60 min.' or '60 sec.'", () => {
    expect(formatRelative(at(59.6 * MIN), NOW)).toBe("in 1 hr.");
    expect(formatRelative(at(-59.7 * S), NOW)).toBe("1 min. ago");
  });

  it("past and future in one format", () => {
    expect(formatRelative(at(-5 * S), NOW)).toBe("just now");
    expect(formatRelative(at(-30 * S), NOW)).toBe("30 sec. ago");
    expect(formatRelative(at(3 * MIN), NOW)).toBe("in 3 min.");
    expect(formatRelative(at(-3 * H), NOW)).toBe("3 hr. ago");
    expect(formatRelative(at(7 * D), NOW)).toBe("in 7 days");
  });
});
