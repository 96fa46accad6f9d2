import { describe, expect, it } from "vitest";
import { apiUrl } from "./api-url";

describe("apiUrl", () => {
  it.each([
    ["keeps the given order and escapes values", { sort: "code", limit: "50", q: "knee brace/m" }, "/api/skus?sort=code&limit=50&q=knee+brace%2Fm"],
    ["leaves out parameters without a value", { limit: "50", source: null, code: "", cursor: undefined }, "/api/skus?limit=50"],
    ["adds no question mark when nothing is left", { q: "" }, "/api/skus"],
  ])("%s", (_, params, url) => {
    expect(apiUrl("/api/skus", params)).toBe(url);
  });
});
