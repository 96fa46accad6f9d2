import { describe, expect, it } from "vitest";
import { MAX_SEARCH_WORDS, searchWords } from "./search-words";

describe("searchWords", () => {
  it("splits on spaces and punctuation, lower-cases, and drops repeats", () => {
    expect(searchWords("knee brace black")).toEqual(["knee", "brace", "black"]);
    expect(searchWords("  Knee-Brace (M, BLK) ")).toEqual(["knee", "brace", "m", "blk"]);
    expect(searchWords("knee_brace/knee")).toEqual(["knee", "brace"]);
    expect(searchWords("Rodillera Niño")).toEqual(["rodillera", "niño"]);
  });

  it("gives no words for an empty or punctuation-only search", () => {
    expect(searchWords("")).toEqual([]);
    expect(searchWords(" -–,() ")).toEqual([]);
  });

  it("keeps at most the first few words", () => {
    expect(searchWords(Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "))).toHaveLength(MAX_SEARCH_WORDS);
  });
});
