import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCountsCsv, readCsvRecords } from "./parse-counts-csv";

describe("parseCountsCsv", () => {
  it("reads rows with or without a header, CRLF or LF, a BOM and blank lines", () => {
    expect(parseCountsCsv("sku,counted\r\nA,3\r\nB,0\r\n")).toEqual({
      ok: true,
      rows: [
        { sku: "A", counted: 3, line: 2 },
        { sku: "B", counted: 0, line: 3 },
      ],
    });
    expect(parseCountsCsv("\ufeffA,3\n\nB,4")).toEqual({
      ok: true,
      rows: [
        { sku: "A", counted: 3, line: 1 },
        { sku: "B", counted: 4, line: 3 },
      ],
    });
  });

  it("quoted codes may hold commas and quotes", () => {
    expect(parseCountsCsv('"A,1 ""x""",5\n')).toEqual({ ok: true, rows: [{ sku: 'A,1 "x"', counted: 5, line: 1 }] });
  });

  it("refuses negatives, decimals, wrong field counts and broken quoting with the line", () => {
    expect(parseCountsCsv("A,3\nB,-1")).toMatchObject({ ok: false, line: 2, message: expect.stringContaining("negative") });
    expect(parseCountsCsv("A,1.5")).toMatchObject({ ok: false, line: 1 });
    expect(parseCountsCsv("A,1,2")).toMatchObject({ ok: false, line: 1, message: expect.stringContaining("2 fields") });
    expect(parseCountsCsv('"A,1')).toMatchObject({ ok: false });
    expect(parseCountsCsv('A"b,1')).toMatchObject({ ok: false });
    expect(parseCountsCsv("B,counted")).toMatchObject({ ok: false, line: 1 });
  });

  it("round-trips any fields written the RFC 4180 way", () => {
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (records) => {
        const text = `${records.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
        expect(readCsvRecords(text)).toEqual({ ok: true, records });
      }),
    );
  });
});
