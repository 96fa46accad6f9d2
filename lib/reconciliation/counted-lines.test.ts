import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countedLinesOf, type CountFact } from "./counted-lines";
import { DAY_MS as DAY } from "@/lib/time/durations";

describe("countedLinesOf", () => {
  it("system = counted + variance; buckets from the previous count", () => {
    const lines = countedLinesOf([
      { seq: "2", occurredAt: 10 * DAY, source: "wms", counted: 8, variance: 2 },
      { seq: "1", occurredAt: 0, source: "wms", counted: 5, variance: -1 },
    ]);
    expect(lines.map((l) => [l.seq, l.system, l.bucket, l.previousAt])).toEqual([
      ["1", 4, ">90", null],
      ["2", 10, "8-30", 0],
    ]);
  });

  it("property: any delivery order with duplicates removed gives the same lines", () => {
    const fact = fc.record({ occurredAt: fc.integer({ min: 0, max: 400 * DAY }), counted: fc.integer({ min: 0, max: 100 }), variance: fc.integer({ min: -50, max: 50 }) });
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 30 }), fc.infiniteStream(fc.nat()), (raw, rnd) => {
        const facts: CountFact[] = raw.map((f, i) => ({ ...f, seq: String(i + 1), source: "wms" }));
        const shuffled = [...facts, ...facts.slice(0, 3)].sort(() => (rnd.next().value % 3) - 1);
        const dedup = [...new Map(shuffled.map((f) => [f.seq, f])).values()];
        expect(countedLinesOf(dedup)).toEqual(countedLinesOf(facts));
      }),
    );
  });
});
