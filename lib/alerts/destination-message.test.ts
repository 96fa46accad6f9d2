import { describe, expect, it } from "vitest";
import { groupTurns, MAX_LISTED, slackText, subjectLabel, type AlertTurn } from "./destination-message";

const turn = (alertId: string, change: AlertTurn["change"], at: string, sku: string, value: Record<string, unknown> = {}): AlertTurn => ({ alertId, change, at, subject: { sku }, value });

describe("groupTurns", () => {
  it("lists each alert once per list, its latest turn, oldest first, with the window's bounds", () => {
    const m = groupTurns("ops", "low_cover", [
      turn("2", "opened", "2026-12-07T02:00:02.000Z", "B"),
      turn("1", "opened", "2026-12-07T02:00:01.000Z", "A", { suggestedQuantity: 1 }),
      turn("1", "resolved", "2026-12-07T02:00:03.000Z", "A"),
      turn("1", "reopened", "2026-12-07T02:00:04.000Z", "A", { suggestedQuantity: 9 }),
    ])!;
    expect(m.opened.map((t) => [t.subject.sku, t.change, t.value.suggestedQuantity])).toEqual([
      ["B", "opened", undefined],
      ["A", "reopened", 9],
    ]);
    expect(m.resolved.map((t) => t.subject.sku)).toEqual(["A"]);
    expect(m).toMatchObject({ type: "alerts.grouped", destination: "ops", kind: "low_cover", from: "2026-12-07T02:00:01.000Z", to: "2026-12-07T02:00:04.000Z", omitted: { opened: 0, resolved: 0 } });
  });

  it("caps each list and counts what it left out; nothing to say is no message", () => {
    const turns = Array.from({ length: MAX_LISTED + 5 }, (_, i) => turn(String(i + 1), "opened", `2026-12-07T02:00:00.${String(i).padStart(3, "0")}Z`, `S${i}`));
    const m = groupTurns("ops", "variance", turns)!;
    expect(m.opened).toHaveLength(MAX_LISTED);
    expect(m.omitted.opened).toBe(5);
    expect(groupTurns("ops", "variance", [])).toBeNull();
  });
});

describe("slackText", () => {
  it("names the kind, counts, subjects (with the reorder suggestion), and 'and N more' past ten", () => {
    const turns = Array.from({ length: 12 }, (_, i) => turn(String(i + 1), "opened", `2026-12-07T02:00:${String(i).padStart(2, "0")}.000Z`, `S<${i}>`, { suggestedQuantity: i }));
    const text = slackText(groupTurns("ops", "low_cover", [...turns, turn("1", "resolved", "2026-12-07T02:01:00.000Z", "S<0>")])!);
    const lines = text.split("\n");
    expect(lines[0]).toBe("*Onepool — Low cover: reorder* (`low_cover`): 12 opened, 1 resolved");
    expect(lines[1]).toBe("Opened:");
    expect(lines[2]).toBe("• SKU S&lt;0&gt; (reorder 0)");
    expect(lines).toContain("… and 2 more");
    expect(lines.slice(-2)).toEqual(["Resolved:", "• SKU S&lt;0&gt;"]);
  });

  it("labels every subject shape", () => {
    expect(subjectLabel({ sku: "A", channel: "shop" })).toBe("SKU A × channel shop");
    expect(subjectLabel({ source: "erp", sku: "A", location: "wh" })).toBe("source erp × SKU A × location wh");
    expect(subjectLabel({ listing: { channel: "shop", externalId: "9" } })).toBe("listing shop/9");
  });
});
