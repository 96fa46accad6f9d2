import { describe, expect, it } from "vitest";
import { lowCover } from "../alerts/conditions";
import { compareUrgency, REORDER_CSV_HEADER, reorderCsv, reorderRow, reorderRows, type ReorderInput } from "./reorder-rows";

const input = (over: Partial<ReorderInput>): ReorderInput => ({
  sku: "A",
  name: "a",
  availableReal: 10,
  units24h: 0,
  units7d: 0,
  incoming: 0,
  leadTimeDays: 14,
  alertId: null,
  alertState: null,
  mutedUntil: null,
  ...over,
});

describe("reorder rows", () => {
  it("suggest exactly what the low_cover alert suggests", () => {
    // 7-day velocity 20/7 ≈ 2.857/day; 10 left → 3.5 days < 14 + 7; ⌈21 × 20/7 − 10 − 5⌉ = 45.
    const x = input({ units7d: 20, incoming: 5 });
    const r = reorderRow(x, 7);
    expect(r.suggestedQuantity).toBe(45);
    expect(r.suggestedQuantity).toBe(lowCover({ ...x, safetyDays: 7 })!.suggestedQuantity);
    expect(r).toMatchObject({ lowCover: true, daysOfInventory: 3.5, urgency: 3.5 - 14, velocity: 20 / 7, safetyDays: 7 });
  });

  it("suggest 0 when cover is fine or incoming covers it; infinite cover has no days and no urgency", () => {
    expect(reorderRow(input({ units24h: 1, availableReal: 100 }), 7)).toMatchObject({ lowCover: false, suggestedQuantity: 0, daysOfInventory: 100, urgency: 86, velocity: 1 });
    expect(reorderRow(input({ units24h: 1, availableReal: 1, incoming: 50 }), 7)).toMatchObject({ lowCover: true, suggestedQuantity: 0 });
    expect(reorderRow(input({}), 7)).toMatchObject({ daysOfInventory: null, urgency: null, velocity: 0, suggestedQuantity: 0 });
  });

  it("carry the alert's state and mute", () => {
    expect(reorderRow(input({ alertId: "9", alertState: "open", mutedUntil: "2026-12-08T00:00:00.000Z" }), 7)).toMatchObject({ alert: { id: "9", state: "open" }, muted: true });
    expect(reorderRow(input({}), 7)).toMatchObject({ alert: null, muted: false, mutedUntil: null });
  });

  it("keep what the filter asks, most urgent first (cover − lead time), infinite cover last", () => {
    const xs = [
      input({ sku: "LATE", units24h: 10, availableReal: 10, leadTimeDays: 14 }), // 1 day − 14 = −13
      input({ sku: "SOON", units24h: 1, availableReal: 10, leadTimeDays: 5 }), // 10 − 5 = 5, low (< 12)
      input({ sku: "COVERED", units24h: 1, availableReal: 1, incoming: 100, leadTimeDays: 14 }), // low, suggestion 0
      input({ sku: "FINE", units24h: 1, availableReal: 500 }),
      input({ sku: "UNSOLD" }),
    ];
    expect(reorderRows(xs, 7, "reorder").map((r) => r.sku)).toEqual(["LATE", "SOON"]);
    expect(reorderRows(xs, 7, "low").map((r) => r.sku)).toEqual(["LATE", "COVERED", "SOON"]);
    expect(reorderRows(xs, 7, "all").map((r) => r.sku)).toEqual(["LATE", "COVERED", "SOON", "FINE", "UNSOLD"]);
  });

  it("break urgency ties by the larger suggestion, then the code", () => {
    const a = reorderRow(input({ sku: "B", units24h: 1, availableReal: 1 }), 7);
    const b = reorderRow(input({ sku: "A", units24h: 1, availableReal: 1 }), 7);
    const big = reorderRow(input({ sku: "C", units24h: 2, availableReal: 2 }), 7);
    expect([a, b, big].sort(compareUrgency).map((r) => r.sku)).toEqual(["C", "A", "B"]);
  });

  it("export the rows as RFC 4180 with a header, infinite cover empty", () => {
    const rows = reorderRows([input({ sku: "A", name: 'Brace, "L"', units24h: 5, availableReal: 5, alertId: "1", alertState: "open" }), input({ sku: "Z" })], 7, "all");
    const csv = reorderCsv(rows);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(REORDER_CSV_HEADER.join(","));
    expect(lines[1]).toBe('A,"Brace, ""L""",5,5,1,14,7,0,100,open,');
    expect(lines[2]).toBe("Z,a,10,0,,14,7,0,0,,");
    expect(lines[3]).toBe("");
  });
});
