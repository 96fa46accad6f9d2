import { describe, expect, it } from "vitest";
import { pauseButtonText, resumeButtonText } from "./pause-text";

// WCAG 2.5.3: a control's accessible name starts with the words it shows, so voice control can say them.
describe("pause and resume buttons", () => {
  const scopes: [string | undefined, string | undefined][] = [
    ["web", undefined],
    [undefined, "KNEE-1"],
    ["web", "KNEE-1"],
  ];

  it("name the scope after the visible words", () => {
    expect(pauseButtonText("web")).toEqual({ text: "Pause channel", name: "Pause channel web (every SKU)" });
    expect(pauseButtonText(undefined, "KNEE-1")).toEqual({ text: "Pause on every channel", name: "Pause on every channel: KNEE-1" });
    expect(pauseButtonText("web", "KNEE-1")).toEqual({ text: "Pause", name: "Pause KNEE-1 on web" });
    expect(resumeButtonText("web")).toEqual({ text: "Resume", name: "Resume web (every SKU)" });
  });

  it("every name starts with its visible text, and pause and resume names differ", () => {
    for (const [c, s] of scopes) {
      const p = pauseButtonText(c, s);
      const r = resumeButtonText(c, s);
      expect(p.name.startsWith(p.text)).toBe(true);
      expect(r.name.startsWith(r.text)).toBe(true);
      expect(p.name).not.toBe(r.name);
    }
  });
});
