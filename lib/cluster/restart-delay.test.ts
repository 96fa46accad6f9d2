import { describe, expect, it } from "vitest";
import { restartDelayMs } from "./restart-delay";

describe("restartDelayMs", () => {
  it("starts at 1 s, doubles with each failure in a row, and stops at 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
