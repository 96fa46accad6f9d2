import { describe, expect, it } from "vitest";
import { resolvePeriod, splitPeriod } from "./period";

const at = (s: string) => Date.parse(s);

describe("reconciliation periods", () => {
  it("dates are whole days, to inclusive; default the last 30 days", () => {
    expect(resolvePeriod({ from: "2026-11-01", to: "2026-11-30" }, 0)).toEqual({ ok: true, from: at("2026-11-01T00:00:00Z"), to: at("2026-12-01T00:00:00Z") });
    const now = at("2026-12-06T12:00:00Z");
    expect(resolvePeriod({}, now)).toEqual({ ok: true, from: now - 30 * 86_400_000, to: now });
  });
  it("bad bounds name their field", () => {
    expect(resolvePeriod({ from: "2026-02-30" }, 0)).toMatchObject({ ok: false, field: "from" });
    expect(resolvePeriod({ to: "yesterday" }, 0)).toMatchObject({ ok: false, field: "to" });
    expect(resolvePeriod({ from: "2026-12-02", to: "2026-12-01" }, 0)).toMatchObject({ ok: false, field: "from" });
  });
  it("splits into rollup days and ragged edges", () => {
    expect(splitPeriod(at("2026-11-01T06:00:00Z"), at("2026-11-04T03:00:00Z"))).toEqual({
      days: ["2026-11-02", "2026-11-04"],
      edges: [
        [at("2026-11-01T06:00:00Z"), at("2026-11-02T00:00:00Z")],
        [at("2026-11-04T00:00:00Z"), at("2026-11-04T03:00:00Z")],
      ],
    });
    const inside = splitPeriod(at("2026-11-01T06:00:00Z"), at("2026-11-01T09:00:00Z"));
    expect(inside.days[0]).toBe(inside.days[1]);
    expect(inside.edges[0]).toEqual([at("2026-11-01T06:00:00Z"), at("2026-11-01T09:00:00Z")]);
  });
});
