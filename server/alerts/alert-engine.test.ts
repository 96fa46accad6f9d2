import type pg from "pg";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SKU_KINDS } from "@/lib/alerts/kinds";
import { defaultAlertSettings } from "@/lib/alerts/settings";
import { manualClock } from "@/lib/time/clock";

const evaluated: { kind: string; skus: number[] | null }[] = [];
vi.mock("./alert-settings", () => ({ loadAlertSettings: async () => defaultAlertSettings(14) }));
vi.mock("./apply-alert-hits", () => ({
  evaluateKind: async (_pool: unknown, _settings: unknown, e: { kind: string; skus: number[] | null }) => (evaluated.push(e), []),
}));
const { AlertEngine } = await import("./alert-engine");

/** trackedSkus: SKU 5 has an open low-cover alert; the other SKU kinds track nothing. */
const pool = { query: async (_sql: string, [kind]: string[]) => ({ rows: kind === "low_cover" ? [{ sku_id: 5 }] : [] }) } as unknown as pg.Pool;

beforeEach(() => void (evaluated.length = 0));

describe("AlertEngine's sweep timing", () => {
  it("sweeps everything first, then each kind at its cadence and the full sweep when it is due, as the clock moves", async () => {
    const clock = manualClock();
    const engine = new AlertEngine(pool, { sweepMs: 60_000, fullSweepMs: 3_600_000, ingestDelayMs: { low_cover: 1, returns_spike: 1, variance: 1 }, safetyDays: 14, clock });
    const sweep = async () => {
      evaluated.length = 0;
      await engine.sweepNow();
      return evaluated.map((e) => `${e.kind}:${e.skus === null ? "all" : e.skus.join(",")}`);
    };

    const first = await sweep();
    // A full sweep: every SKU kind over every SKU.
    for (const k of SKU_KINDS) expect(first).toContain(`${k}:all`);
    expect(first).toContain("stale_location:all");

    clock.advance(30_000);
    expect(await sweep()).toEqual(["low_cover:5"]);

    clock.advance(30_000);
    const second = await sweep();
    // Not full: the SKU kinds only for their tracked SKUs; drift is due every sweep, stale_location
    // only every 10 × its quiet time (sweepIntervalMs).
    expect(second).toContain("low_cover:5");
    expect(second).not.toContain("returns_spike:all");
    expect(second).toContain("drift:all");
    expect(second).not.toContain("stale_location:all");

    clock.advance(3_600_000 - 60_000);
    const full = await sweep();
    for (const k of SKU_KINDS) expect(full).toContain(`${k}:all`);
    expect(full).toContain("stale_location:all");
    await engine.stop();
  });
});
