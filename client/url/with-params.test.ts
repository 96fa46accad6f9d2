import { describe, expect, it } from "vitest";
import { withParams } from "./with-params";

describe("withParams", () => {
  it("sets the named parameters and removes the empty ones, keeping the rest and the hash", () => {
    expect(withParams("https://x.test/audit?actor=ana&keep=1#row-7", { actor: "bo", action: "rule.update", target: "", from: null, to: undefined })).toBe(
      "https://x.test/audit?actor=bo&keep=1&action=rule.update#row-7",
    );
  });

  it("gives the same address when nothing changes, and a bare path when every parameter is empty", () => {
    const href = "https://x.test/stock?q=knee&sort=-code";
    expect(withParams(href, { q: "knee", sort: "-code" })).toBe(href);
    expect(withParams(href, { q: "", sort: null })).toBe("https://x.test/stock");
  });

  it("encodes values", () => {
    expect(withParams("https://x.test/alerts", { q: "knee brace & co" })).toBe("https://x.test/alerts?q=knee+brace+%26+co");
  });
});
