import { describe, expect, it } from "vitest";
import type { RulePreviewSku } from "@/client/api/types";
import { bucketChanges, bucketLabel } from "./preview-buckets";

const sku = (before: number, after: number, i = 0): RulePreviewSku => ({ code: `S${i}`, channel: "web", before, after }) as RulePreviewSku;

describe("preview bucket labels", () => {
  it("reads a negative range lowest first, signed at both ends, like the positive ones", () => {
    expect(bucketLabel(-100, -51)).toBe("−100…−51");
    expect(bucketLabel(51, 100)).toBe("+51…+100");
    expect(bucketLabel(-5, -2)).toBe("−5…−2");
  });

  it("single values are signed; open-ended buckets say which way they are open", () => {
    expect(bucketLabel(-3, -3)).toBe("−3");
    expect(bucketLabel(4, 4)).toBe("+4");
    expect(bucketLabel(-Infinity, -1001)).toBe("≤ −1,001");
    expect(bucketLabel(1001, Infinity)).toBe("≥ +1,001");
  });

  it("labels the chart's buckets from the biggest drop to the biggest rise, none spanning zero", () => {
    const skus = [sku(100, 20, 1), sku(100, 96, 2), sku(10, 18, 3), sku(0, 60, 4)];
    const labels = bucketChanges(skus).map((b) => b.label);
    expect(labels[0]).toBe("−100…−51");
    expect(labels.at(-1)).toBe("+51…+100");
    expect(labels).toContain("−5…−2");
    expect(labels).toContain("+6…+10");
    for (const b of bucketChanges(skus)) expect(b.lo).toBeLessThanOrEqual(b.hi);
  });
});
