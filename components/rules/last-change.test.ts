import { describe, expect, it } from "vitest";
import type { Rule } from "@/client/api/types";
import { changeText, undoneText, type LastChange } from "./last-change";

const rule = (over: Partial<Rule> = {}): Rule => ({ id: "7", channel: "web", scope: "channel", sku: null, tag: null, version: 2, ...over }) as Rule;

describe("the undo strip's sentences", () => {
  it("says what was changed", () => {
    expect(changeText({ kind: "updated", before: rule(), after: rule() })).toBe("Saved the channel default on web");
    expect(changeText({ kind: "created", rule: rule({ scope: "tag", tag: "bestseller" }) })).toBe("Created the tag rule “bestseller” on web");
  });

  it("says what undoing did, in a sentence that reads", () => {
    const cases: [LastChange, string][] = [
      [{ kind: "updated", before: rule(), after: rule() }, "Undone: the channel default on web is back to what it was."],
      [{ kind: "created", rule: rule({ scope: "sku", sku: "KNEE-1" }) }, "Undone: the SKU override KNEE-1 on web is deleted again."],
      [{ kind: "deleted", rule: rule() }, "Undone: the channel default on web is back."],
      [{ kind: "deleted", rule: rule({ scope: "tag", tag: "bestseller" }) }, "Undone: the tag rule “bestseller” on web is back, now as the newest tag rule (earlier ones win where both set a field)."],
    ];
    for (const [c, text] of cases) expect(undoneText(c)).toBe(text);
  });
});
