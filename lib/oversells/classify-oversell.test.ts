import { describe, expect, it } from "vitest";
import { classifyOversell, type OversellChain } from "./classify-oversell";

// A line of 2 where everything was right and nothing happened after: no cause found.
const base: OversellChain = { quantity: 2, published: 5, acknowledged: 5, availableKnown: 5, availableReal: 5, correctionUnits: 0, otherChannelUnits: 0 };
const chain = (f: Partial<OversellChain>): OversellChain => ({ ...base, ...f });

describe("classifyOversell", () => {
  it("stale_channel: the channel had acknowledged more than was then published", () => {
    expect(classifyOversell(chain({ published: 0, acknowledged: 3 }))).toBe("stale_channel");
  });

  it("not stale when the channel acknowledged the published number, or less, or nothing is on record", () => {
    expect(classifyOversell(chain({ published: 3, acknowledged: 3 }))).toBe("unexplained");
    expect(classifyOversell(chain({ published: 3, acknowledged: 1 }))).toBe("unexplained");
    expect(classifyOversell(chain({ published: 3, acknowledged: null }))).toBe("unexplained");
    expect(classifyOversell(chain({ published: null, acknowledged: 3 }))).toBe("unexplained");
  });

  it("late_events: Onepool's view covered the line, the real state did not", () => {
    expect(classifyOversell(chain({ availableKnown: 2, availableReal: 1 }))).toBe("late_events");
    // Neither covered it: not late events (nothing Onepool could have known better).
    expect(classifyOversell(chain({ availableKnown: 1, availableReal: 1 }))).toBe("unexplained");
  });

  it("correction: a count, shrink or damage after the sale removed units", () => {
    expect(classifyOversell(chain({ correctionUnits: 1 }))).toBe("correction");
  });

  it("buffer_too_small: published and real covered it, other channels' orders after it took the units", () => {
    expect(classifyOversell(chain({ otherChannelUnits: 4 }))).toBe("buffer_too_small");
    // Published did not cover it (or is unknown): not the buffer's fault.
    expect(classifyOversell(chain({ otherChannelUnits: 4, published: 1, acknowledged: 1 }))).toBe("unexplained");
    expect(classifyOversell(chain({ otherChannelUnits: 4, published: null }))).toBe("unexplained");
    expect(classifyOversell(chain({ otherChannelUnits: 4, availableKnown: 1, availableReal: 1 }))).toBe("unexplained");
  });

  it("the first cause that holds wins, in the order of docs/OVERSELLS.md", () => {
    const all = chain({ published: 2, acknowledged: 3, availableKnown: 2, availableReal: 1, correctionUnits: 2, otherChannelUnits: 2 });
    expect(classifyOversell(all)).toBe("stale_channel");
    expect(classifyOversell({ ...all, acknowledged: 2 })).toBe("late_events");
    // Real covered it again: late events no longer hold; the count after the sale does.
    expect(classifyOversell({ ...all, acknowledged: 2, availableReal: 2 })).toBe("correction");
    expect(classifyOversell({ ...all, acknowledged: 2, availableReal: 2, correctionUnits: 0 })).toBe("buffer_too_small");
  });
});
