import { describe, expect, it } from "vitest";
import { indexPauses, type PauseInput } from "./pause-index";

const p = (id: string, channel: string | null, sku: string | null, until: string | null = null): PauseInput => ({ id, channel, sku, reason: `r${id}`, until, by: "m@x" });

describe("pause index", () => {
  it("names the most specific pause: the (channel, SKU) one, then the SKU's, then the channel's", () => {
    const idx = indexPauses([p("1", "amazon", null), p("2", null, "A"), p("3", "amazon", "A")]);
    expect(idx.covering("amazon", "A")?.id).toBe("3");
    expect(idx.covering("web", "A")?.id).toBe("2");
    expect(idx.covering("amazon", "B")?.id).toBe("1");
    expect(idx.covering("web", "B")).toBeNull();
  });

  it("takes the oldest of two pauses of one scope, whatever the order given", () => {
    expect(indexPauses([p("12", "web", null), p("9", "web", null)]).covering("web", "X")?.id).toBe("9");
  });

  it("knows when the next pause ends by itself", () => {
    expect(indexPauses([p("1", "web", null, "2026-12-01T00:00:00.000Z"), p("2", "web", "A", "2026-11-30T00:00:00.000Z"), p("3", null, "B")]).nextEnd()).toBe("2026-11-30T00:00:00.000Z");
    expect(indexPauses([p("3", null, "B")]).nextEnd()).toBeNull();
  });
});
