import { describe, expect, it } from "vitest";
import { lagSeconds, LabelCap, OTHER_LABEL } from "./label-cap";

describe("LabelCap", () => {
  it("keeps the first max distinct values and folds the rest into _other", () => {
    const cap = new LabelCap(2);
    expect(cap.label("wms")).toBe("wms");
    expect(cap.label("shop")).toBe("shop");
    expect(cap.label("made-up-1")).toBe(OTHER_LABEL);
    expect(cap.label("made-up-2")).toBe(OTHER_LABEL);
  });

  it("a value seen before the cap was reached keeps its own label afterwards", () => {
    const cap = new LabelCap(2);
    cap.label("wms");
    cap.label("shop");
    for (let i = 0; i < 1000; i++) cap.label(`flood-${i}`);
    expect(cap.label("wms")).toBe("wms");
    expect(cap.label("shop")).toBe("shop");
  });

  it("a flood of names gives at most max + 1 labels", () => {
    const cap = new LabelCap(50);
    const labels = new Set(Array.from({ length: 10_000 }, (_, i) => cap.label(`s-${i}`)));
    expect(labels.size).toBe(51);
  });
});

describe("lagSeconds", () => {
  it("is the difference in seconds, never negative", () => {
    expect(lagSeconds(1_000, 3_500)).toBe(2.5);
    expect(lagSeconds(5_000, 4_000)).toBe(0);
  });
});
