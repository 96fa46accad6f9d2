import { z } from "zod";
import { ALERT_KINDS, type AlertKind } from "./kinds";

// Thresholds and durations per alert kind (docs/ALERTS.md's defaults), changed by an admin
// (PUT /api/alert-settings). Durations are in seconds so tests and drills can shorten them.
// Every kind has `enabled` and `forSeconds`: how long the condition must hold before it opens. Pure.

const seconds = (max: number) => z.number().int().min(0).max(max);
const positiveSeconds = (max: number) => z.number().int().min(1).max(max);
const WEEK = 7 * 86_400;
const YEAR = 365 * 86_400;

const base = { enabled: z.boolean(), forSeconds: seconds(WEEK) };

/** One schema per kind: every field required (a stored row is complete once merged with the defaults). */
export const SETTING_SCHEMAS = {
  stockout_listed: z.object({ ...base }).strict(),
  low_cover: z.object({ ...base, safetyDays: z.number().int().min(0).max(365) }).strict(),
  returns_spike: z
    .object({
      ...base,
      multiplier: z.number().min(0).max(1000),
      minUnits: z.number().int().min(1).max(1_000_000),
      windowSeconds: positiveSeconds(30 * 86_400),
      baselineDays: z.number().int().min(1).max(365),
    })
    .strict(),
  lag_sla: z.object({ ...base, ingestP95Seconds: z.number().min(0).max(86_400), endToEndP95Seconds: z.number().min(0).max(86_400), windowSeconds: positiveSeconds(86_400) }).strict(),
  stale_location: z.object({ ...base, quietSeconds: positiveSeconds(YEAR) }).strict(),
  variance: z.object({ ...base, minUnits: z.number().int().min(0).max(1_000_000), minPercent: z.number().min(0).max(1000), lookbackDays: z.number().int().min(1).max(3650) }).strict(),
  drift: z.object({ ...base, olderThanSeconds: seconds(YEAR) }).strict(),
  unmapped: z.object({ ...base, waitingSeconds: seconds(YEAR) }).strict(),
  signature_failures: z.object({ ...base, refusals: z.number().int().min(1).max(1_000_000), windowSeconds: positiveSeconds(86_400) }).strict(),
  push_failing: z.object({ ...base }).strict(),
} as const satisfies Record<AlertKind, z.ZodType>;

export type AlertSettingsOf<K extends AlertKind> = z.infer<(typeof SETTING_SCHEMAS)[K]>;
export type AlertSettings = { [K in AlertKind]: AlertSettingsOf<K> };

/** docs/ALERTS.md's defaults. Low cover's safety days are the dashboard's (ONEPOOL_SAFETY_DAYS), so both agree. */
export function defaultAlertSettings(safetyDays: number): AlertSettings {
  return {
    stockout_listed: { enabled: true, forSeconds: 60 },
    low_cover: { enabled: true, forSeconds: 0, safetyDays },
    returns_spike: { enabled: true, forSeconds: 0, multiplier: 3, minUnits: 5, windowSeconds: 86_400, baselineDays: 28 },
    lag_sla: { enabled: true, forSeconds: 300, ingestP95Seconds: 60, endToEndP95Seconds: 300, windowSeconds: 300 },
    stale_location: { enabled: true, forSeconds: 0, quietSeconds: 86_400 },
    variance: { enabled: true, forSeconds: 0, minUnits: 5, minPercent: 10, lookbackDays: 30 },
    drift: { enabled: true, forSeconds: 0, olderThanSeconds: 1_800 },
    unmapped: { enabled: true, forSeconds: 0, waitingSeconds: 900 },
    signature_failures: { enabled: true, forSeconds: 0, refusals: 5, windowSeconds: 300 },
    push_failing: { enabled: true, forSeconds: 0 },
  };
}

/** What PUT /api/alert-settings takes: per kind, any of its fields (the rest stay as they are). Unknown kinds or fields are refused. */
export const alertSettingsPatchSchema = z
  .object(Object.fromEntries(ALERT_KINDS.map((k) => [k, SETTING_SCHEMAS[k].partial().optional()])) as unknown as { [K in AlertKind]: z.ZodOptional<z.ZodType<Partial<AlertSettingsOf<K>>>> })
  .strict()
  .refine((p) => Object.values(p).some((v) => v && Object.keys(v).length > 0), { message: "name at least one kind and field to change" });
export type AlertSettingsPatch = z.infer<typeof alertSettingsPatchSchema>;

/**
 * Stored rows over the defaults. A stored field that no longer validates (a build that changed a
 * range) falls back to the default rather than stopping the engine.
 */
export function mergeSettings(defaults: AlertSettings, stored: Partial<Record<string, unknown>>): AlertSettings {
  const out = { ...defaults } as Record<AlertKind, unknown>;
  for (const kind of ALERT_KINDS) {
    const row = stored[kind];
    if (!row || typeof row !== "object") continue;
    const merged: Record<string, unknown> = { ...(defaults[kind] as Record<string, unknown>) };
    const shape = SETTING_SCHEMAS[kind].shape as Record<string, z.ZodType>;
    for (const [field, v] of Object.entries(row as Record<string, unknown>)) {
      if (field in shape && shape[field].safeParse(v).success) merged[field] = v;
    }
    out[kind] = merged;
  }
  return out as AlertSettings;
}

/** Fields of `kind` that differ from the defaults: what is stored (so a later default change reaches untouched fields). */
export function overridesOf<K extends AlertKind>(defaults: AlertSettings, kind: K, settings: AlertSettingsOf<K>): Partial<AlertSettingsOf<K>> {
  const d = defaults[kind] as Record<string, unknown>;
  return Object.fromEntries(Object.entries(settings as Record<string, unknown>).filter(([f, v]) => d[f] !== v)) as Partial<AlertSettingsOf<K>>;
}

/**
 * How often the sweep evaluates a kind: every sweep, except the two whose query grows with the
 * install and whose thresholds are long. Lag reads every event of its window (≈ 300,000 rows at
 * 1,000 events/s): a fifth of the window is plenty for a "for 5 minutes" rule. A stale location
 * reads every stock row: 1 % of its quiet time (≈ 14 minutes of 24 hours) is prompt enough.
 */
export function sweepIntervalMs(kind: AlertKind, s: AlertSettings, sweepMs: number): number {
  if (kind === "lag_sla") return Math.max(sweepMs, s.lag_sla.windowSeconds * 200);
  if (kind === "stale_location") return Math.max(sweepMs, s.stale_location.quietSeconds * 10);
  return sweepMs;
}
