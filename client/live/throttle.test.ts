import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./throttle";

// A unit test of a timer helper: the clock is vitest's, so the test says exactly when calls run.
describe("throttle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at most once per interval, and once more after the last call (nothing is dropped)", () => {
    const fn = vi.fn();
    const run = throttle(fn, 1000);
    run();
    run();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    run();
    run();
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
