import { describe, expect, it } from "vitest";
import { DEFAULT_CONNECTION_BUDGET, SINGLE_PROCESS_POOLS, workerPools } from "./worker-pools";

describe("workerPools", () => {
  it("gives one worker the single-process defaults", () => {
    expect(workerPools(1)).toMatchObject({ ...SINGLE_PROCESS_POOLS, perWorker: 21, total: 21, overBudget: false });
  });

  it("keeps 8 workers (an 8-core machine) within Postgres's default max_connections of 100", () => {
    const p = workerPools(8);
    expect(p).toEqual({ main: 3, ingest: 1, read: 1, perWorker: 10, total: 80, overBudget: false });
    expect(p.total).toBeLessThanOrEqual(DEFAULT_CONNECTION_BUDGET);
  });

  it("shares the budget for every count up to 8 workers, and says when even the minimum does not fit", () => {
    for (let n = 1; n <= 8; n++) {
      const p = workerPools(n);
      expect(p.total, `${n} workers`).toBeLessThanOrEqual(DEFAULT_CONNECTION_BUDGET);
      expect(p.main).toBeGreaterThanOrEqual(2);
    }
    expect(workerPools(4)).toMatchObject({ main: 9, ingest: 3, read: 3, total: 80 });
    expect(workerPools(9)).toMatchObject({ perWorker: 9, total: 81, overBudget: true });
    expect(workerPools(16)).toMatchObject({ main: 2, ingest: 1, read: 1, perWorker: 9, total: 144, overBudget: true });
  });

  it("keeps what the operator set", () => {
    expect(workerPools(8, { main: 6, ingest: 2 })).toMatchObject({ main: 6, ingest: 2, read: 1, perWorker: 14, total: 112, overBudget: true });
  });
});
