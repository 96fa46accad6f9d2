import { describe, expect, it } from "vitest";
import { ALERT_KINDS } from "./kinds";
import { alertSettingsPatchSchema, defaultAlertSettings, mergeSettings, overridesOf, SETTING_SCHEMAS, sweepIntervalMs } from "./settings";

describe("alert settings", () => {
  const d = defaultAlertSettings(7);
  it("default to docs/ALERTS.md's numbers, valid under their own schema", () => {
    expect(d.stockout_listed.forSeconds).toBe(60);
    expect(d.returns_spike).toMatchObject({ multiplier: 3, minUnits: 5, windowSeconds: 86_400, baselineDays: 28 });
    expect(d.lag_sla).toMatchObject({ ingestP95Seconds: 60, endToEndP95Seconds: 300, windowSeconds: 300, forSeconds: 300 });
    expect(d.stale_location.quietSeconds).toBe(86_400);
    expect(d.variance).toMatchObject({ minUnits: 5, minPercent: 10 });
    expect(d.drift.olderThanSeconds).toBe(1_800);
    expect(d.unmapped.waitingSeconds).toBe(900);
    expect(d.signature_failures).toMatchObject({ refusals: 5, windowSeconds: 300 });
    expect(d.low_cover.safetyDays).toBe(7);
    for (const k of ALERT_KINDS) expect(SETTING_SCHEMAS[k].safeParse(d[k]).success, k).toBe(true);
  });

  it("take a partial change per kind and refuse unknown kinds, fields and out-of-range values", () => {
    expect(alertSettingsPatchSchema.safeParse({ drift: { olderThanSeconds: 5 } }).success).toBe(true);
    expect(alertSettingsPatchSchema.safeParse({ nope: { forSeconds: 5 } }).success).toBe(false);
    expect(alertSettingsPatchSchema.safeParse({ drift: { minutes: 5 } }).success).toBe(false);
    expect(alertSettingsPatchSchema.safeParse({ drift: { olderThanSeconds: -1 } }).success).toBe(false);
    expect(alertSettingsPatchSchema.safeParse({ variance: { minUnits: 1.5 } }).success).toBe(false);
    expect(alertSettingsPatchSchema.safeParse({}).success).toBe(false);
    expect(alertSettingsPatchSchema.safeParse({ drift: {} }).success).toBe(false);
  });

  it("merge stored overrides over the defaults, skipping stored values that no longer validate", () => {
    const m = mergeSettings(d, { drift: { olderThanSeconds: 60, bogus: 1 }, variance: { minUnits: -3, minPercent: 20 }, unknown_kind: { x: 1 } });
    expect(m.drift).toEqual({ ...d.drift, olderThanSeconds: 60 });
    expect(m.variance).toEqual({ ...d.variance, minPercent: 20 });
    expect(m.unmapped).toEqual(d.unmapped);
  });

  it("store only the fields that differ from the defaults", () => {
    expect(overridesOf(d, "drift", { ...d.drift, olderThanSeconds: 60 })).toEqual({ olderThanSeconds: 60 });
    expect(overridesOf(d, "drift", d.drift)).toEqual({});
  });
});

describe("sweep cadence", () => {
  const d = defaultAlertSettings(7);
  it("evaluates lag every fifth of its window and stale locations every 1 % of their quiet time, never faster than the sweep", () => {
    expect(sweepIntervalMs("lag_sla", d, 15_000)).toBe(60_000);
    expect(sweepIntervalMs("stale_location", d, 15_000)).toBe(864_000);
    expect(sweepIntervalMs("drift", d, 15_000)).toBe(15_000);
    expect(sweepIntervalMs("lag_sla", { ...d, lag_sla: { ...d.lag_sla, windowSeconds: 3 } }, 200)).toBe(600);
    expect(sweepIntervalMs("stale_location", { ...d, stale_location: { ...d.stale_location, quietSeconds: 3 } }, 200)).toBe(200);
  });
});
