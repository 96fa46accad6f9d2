import { describe, expect, it } from "vitest";
import { csvField, scorecardCsv } from "./scorecard-csv";
import { scorecardW48, trend } from "@/tests/support/scorecard-w48";

describe("scorecard CSV (RFC 4180)", () => {
  it("quotes fields with a comma, quote, CR or LF and doubles the quotes", () => {
    expect(["plain", 'say "hi"', "a,b", "a\nb", "a\rb", null, 0.25].map(csvField)).toEqual(["plain", '"say ""hi"""', '"a,b"', '"a\nb"', '"a\rb"', "", "0.25"]);
  });

  it("a header row, one row per figure × channel, the 11 trend weeks headed by their labels, CRLF line ends", () => {
    const s = scorecardW48([
      { key: "units_sold", channel: null, value: 12, trend: trend([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) },
      { key: "cancellation_rate", channel: 'web,"eu"', reason: "oversold", value: null, trend: trend([null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]) },
      { key: "stockout_hours", channel: null, sku: "KNEE-M", value: 1.5, trend: trend(Array(11).fill(0)) },
    ]);
    const csv = scorecardCsv(s);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("week,key,channel,reason,sku,bucket,value,2026-W37,2026-W38,2026-W39,2026-W40,2026-W41,2026-W42,2026-W43,2026-W44,2026-W45,2026-W46,2026-W47");
    expect(lines[1]).toBe("2026-W48,units_sold,,,,,12,1,2,3,4,5,6,7,8,9,10,11");
    expect(lines[2]).toBe('2026-W48,cancellation_rate,"web,""eu""",oversold,,,,,0,0,0,0,0,0,0,0,0,0.5');
    expect(lines[3]).toBe("2026-W48,stockout_hours,,,KNEE-M,,1.5,0,0,0,0,0,0,0,0,0,0,0");
    expect(lines[4]).toBe("");
    expect(lines).toHaveLength(5);
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/(?<!\r)\n/);
  });
});
