import { describe, expect, it } from "vitest";
import { editDistance, suggestSkus } from "./suggest-skus";

const skus = [
  { code: "KNEE-BRACE-M-BLK", name: "Knee Brace (M, Black)" },
  { code: "KNEE-BRACE-M-BEI", name: "Knee Brace (M, Beige)" },
  { code: "KNEE-BRACE-L-BLK", name: "Knee Brace (L, Black)" },
  { code: "ANKLE-BRACE-M-BLK", name: "Ankle Brace (M, Black)" },
  { code: "RUN-SOCK-S-GRY", name: "Running Sock (S, Grey)" },
];
const codes = (input: string, limit?: number) => suggestSkus(input, skus, limit).map((s) => s.code);

describe("suggestSkus", () => {
  it("puts the same code in other capitals first", () => {
    expect(codes("knee-brace-m-blk")[0]).toBe("KNEE-BRACE-M-BLK");
  });

  it("ignores punctuation, then finds codes a typo away", () => {
    expect(codes("knee brace m blk")[0]).toBe("KNEE-BRACE-M-BLK");
    expect(codes("KNEE-BRACE-M-BLX")).toEqual(["KNEE-BRACE-M-BLK", "KNEE-BRACE-L-BLK", "KNEE-BRACE-M-BEI"]);
    expect(codes("RUN-SOCK-S-GREY")[0]).toBe("RUN-SOCK-S-GRY");
  });

  it("offers codes that start with what was typed, and names holding every word", () => {
    expect(codes("knee-brace")).toEqual(["KNEE-BRACE-L-BLK", "KNEE-BRACE-M-BEI", "KNEE-BRACE-M-BLK"]);
    expect(codes("black ankle")).toEqual(["ANKLE-BRACE-M-BLK"]);
  });

  it("offers nothing for something unrelated, and at most `limit`", () => {
    expect(codes("yoga-mat")).toEqual([]);
    expect(codes("")).toEqual([]);
    expect(codes("brace", 2)).toHaveLength(2);
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
  });
  it("stops early past a maximum", () => {
    expect(editDistance("abcdef", "uvwxyz", 1)).toBe(2);
  });
});
