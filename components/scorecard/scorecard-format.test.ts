import { describe, expect, it } from "vitest";
import { scorecardW48, trend } from "@/tests/support/scorecard-w48";
import { changeOf, channelsOf, formatDayTime, formatFigure, hasData, pick, sparkPoints } from "./scorecard-format";

describe("scorecard screen formatting", () => {
  it("prints an instant in the zone given (the API's ONEPOOL_TIMEZONE), whatever the machine's zone", () => {
    const iso = "2026-10-27T10:00:00Z";
    expect(formatDayTime(iso, "America/Mexico_City")).toBe("Oct 27, 04:00");
    expect(formatDayTime(iso, "Asia/Tokyo")).toBe("Oct 27, 19:00");
    // Madrid's clocks went back on 25 October: UTC+1 by then.
    expect(formatDayTime(iso, "Europe/Madrid")).toBe("Oct 27, 11:00");
    expect(formatDayTime("2026-10-25T23:30:00Z", "America/Mexico_City")).toBe("Oct 25, 17:30");
  });

  it("prints each kind of figure in its unit, and null as a dash", () => {
    expect(formatFigure("units_sold", 12_345)).toBe("12,345");
    expect(formatFigure("oversell_rate", 0.004)).toBe("0.40 %");
    expect(formatFigure("promise_accuracy", 0.9612)).toBe("96.1 %");
    expect(formatFigure("ingest_lag_p95_ms", 2_400)).toBe("2.4 s");
    expect(formatFigure("stockout_hours", 12.5)).toBe("12.5 h");
    expect(formatFigure("allocation_accuracy", null)).toBe("—");
  });

  it("colours a change by whether it is good for that figure: more sales good, more oversells bad", () => {
    expect(changeOf({ key: "units_sold", value: 120, trend: trend([100]) })).toMatchObject({ text: "+20", direction: "up", tone: "good" });
    expect(changeOf({ key: "oversell_rate", value: 0.03, trend: trend([0.02]) })).toMatchObject({ text: "+1.0 pp", direction: "up", tone: "bad" });
    expect(changeOf({ key: "e2e_lag_p95_ms", value: 1_000, trend: trend([3_000]) })).toMatchObject({ text: "−2.0 s", direction: "down", tone: "good" });
    expect(changeOf({ key: "stockout_hours", value: 4, trend: trend([6.5]) })).toMatchObject({ text: "−2.5 h", tone: "good" });
    expect(changeOf({ key: "promise_accuracy", value: 0.3, trend: trend([0.1 + 0.2]) })).toMatchObject({ text: "no change", tone: "neutral" });
    expect(changeOf({ key: "units_sold", value: 5, trend: trend([null]) })).toMatchObject({ delta: null, direction: "none" });
    expect(changeOf({ key: "units_sold", value: 5, trend: [] }).delta).toBeNull();
  });

  it("picks a figure by key, channel and sub-key, and lists the channels", () => {
    const s = scorecardW48([
      { key: "units_sold", channel: null, value: 10, trend: [] },
      { key: "units_sold", channel: "web", value: 4, trend: [] },
      { key: "units_sold", channel: "amazon", value: 6, trend: [] },
      { key: "stockout_hours", channel: null, value: 3, trend: [] },
      { key: "stockout_hours", channel: null, sku: "A", value: 1, trend: [] },
    ]);
    expect(pick(s, { key: "units_sold" })?.value).toBe(10);
    expect(pick(s, { key: "units_sold", channel: "web" })?.value).toBe(4);
    expect(pick(s, { key: "stockout_hours" })?.value).toBe(3);
    expect(pick(s, { key: "stockout_hours", sku: "A" })?.value).toBe(1);
    expect(channelsOf(s)).toEqual(["amazon", "web"]);
    expect(hasData(s)).toBe(true);
    expect(hasData({ ...s, figures: s.figures.map((f) => ({ ...f, value: null })) })).toBe(false);
    expect(sparkPoints({ value: 2, trend: trend([1]) }, "2026-W48")).toEqual([
      { week: "2026-W37", value: 1 },
      { week: "2026-W48", value: 2 },
    ]);
  });
});
