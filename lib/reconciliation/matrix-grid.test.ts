import { describe, expect, it } from "vitest";
import type { ReconciliationMatrix } from "@/lib/contracts/reconciliation";
import { applyDriftSources, matrixGrid, sumFigures } from "./matrix-grid";

const f = (lines: number, absolute: number, system: number, accurate: number, value: number | null = null) => ({
  lines,
  net: absolute,
  absolute,
  rate: system ? absolute / system : null,
  accurate,
  accuracy: lines ? accurate / lines : null,
  value,
});

const matrix: ReconciliationMatrix = {
  from: "2026-11-06T00:00:00.000Z",
  to: "2026-12-06T00:00:00.000Z",
  cells: [
    { location: "WH-B", bucket: "0-7", ...f(2, 4, 100, 1, 8) },
    { location: "WH-A", bucket: ">90", ...f(1, 10, 50, 0) },
    { location: "WH-B", bucket: ">90", ...f(3, 6, 150, 1, 2) },
  ],
  byLocation: [
    { location: "WH-A", ...f(1, 10, 50, 0) },
    { location: "WH-B", ...f(5, 10, 250, 2, 10) },
  ],
  total: f(6, 20, 300, 2, 10),
};

describe("matrixGrid", () => {
  it("puts every bucket of every location in its place, empty where nothing was counted", () => {
    const g = matrixGrid(matrix);
    expect(g.rows.map((r) => r.location)).toEqual(["WH-A", "WH-B"]);
    expect(g.rows[0]!.cells["0-7"]).toBeNull();
    expect(g.rows[0]!.cells[">90"]?.absolute).toBe(10);
    expect(g.rows[1]!.cells["0-7"]?.lines).toBe(2);
    expect(g.total).toBe(matrix.total);
  });
  it("sums each bucket over locations with the §6.1 rate (Σ |variance| / Σ system), never an average of rates", () => {
    const b = matrixGrid(matrix).byBucket[">90"];
    expect(b).toMatchObject({ lines: 4, absolute: 16, accurate: 1, value: 2 });
    expect(b.rate).toBeCloseTo(16 / 200);
    expect(b.accuracy).toBe(0.25);
    expect(matrixGrid(matrix).byBucket["8-30"]).toMatchObject({ lines: 0, rate: null, accuracy: null, value: null });
  });
  it("takes the API's byBucket when sent, so a bucket whose cells are all exact still has its rate (0)", () => {
    const exact = {
      ...matrix,
      cells: [
        { location: "WH-A", bucket: "0-7" as const, ...f(2, 0, 40, 2) },
        { location: "WH-B", bucket: "0-7" as const, ...f(1, 3, 30, 0) },
      ],
    };
    expect(matrixGrid(exact).byBucket["0-7"].rate).toBeNull(); // summed from cells: WH-A's Σ system is hidden by its rate 0
    const sent = { ...exact, byBucket: [{ bucket: "0-7" as const, ...f(3, 3, 70, 2) }] };
    expect(matrixGrid(sent).byBucket["0-7"].rate).toBeCloseTo(3 / 70);
  });
});

describe("sumFigures", () => {
  it("answers rate 0 when nothing is off and null when Σ system is hidden by a zero-rate part", () => {
    expect(sumFigures([f(2, 0, 10, 2), f(1, 0, 5, 1)]).rate).toBe(0);
    expect(sumFigures([f(2, 0, 10, 2), f(1, 3, 5, 0)]).rate).toBeNull();
    expect(sumFigures([f(1, 0, 0, 1)]).rate).toBeNull();
  });
});

describe("applyDriftSources", () => {
  it("replaces the per-source totals and drops the drifts of sources that stopped drifting", () => {
    const cached = {
      sources: [
        { source: "a", skus: 1, absolute: 2, since: "2026-12-01T00:00:00.000Z" },
        { source: "b", skus: 1, absolute: 1, since: "2026-12-02T00:00:00.000Z" },
      ],
      drifts: [
        { source: "a", sku: "X", location: "L", bucket: "on_hand", drift: 2, pool: 5, reported: 3, since: "2026-12-01T00:00:00.000Z" },
        { source: "b", sku: "Y", location: "L", bucket: "on_hand", drift: -1, pool: 5, reported: 6, since: "2026-12-02T00:00:00.000Z" },
      ],
    };
    const next = applyDriftSources(cached, [{ source: "a", skus: 1, absolute: 2, since: "2026-12-01T00:00:00.000Z" }]);
    expect(next.sources.map((s) => s.source)).toEqual(["a"]);
    expect(next.drifts.map((d) => d.source)).toEqual(["a"]);
    expect(applyDriftSources(undefined, []).drifts).toEqual([]);
  });
});
