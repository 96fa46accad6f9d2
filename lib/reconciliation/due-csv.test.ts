import { describe, expect, it } from "vitest";
import { dueCsv } from "./due-csv";

describe("due list CSV", () => {
  it("RFC 4180 quoting, header, CRLF, empty for null, formulas defused", () => {
    const csv = dueCsv([
      { sku: "A-1", skuName: 'Brace, "large"', location: "wh-1", onHand: 3, lastCountedAt: null, ageDays: null, value: 12.5 },
      { sku: "B", skuName: "=HYPERLINK()", location: "wh-1", onHand: 1, lastCountedAt: "2026-12-01T00:00:00.000Z", ageDays: 5, value: null },
    ]);
    expect(csv).toBe('sku,skuName,location,onHand,lastCountedAt,ageDays,value\r\nA-1,"Brace, ""large""",wh-1,3,,,12.5\r\nB,\'=HYPERLINK(),wh-1,1,2026-12-01T00:00:00.000Z,5,\r\n');
  });
});
