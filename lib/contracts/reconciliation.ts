import { z } from "zod";

// The response shapes of the reconciliation and drift routes (docs/RECONCILIATION.md, docs/RECONCILIATION.md#numbers,
// §6.2, §10), as the screens read them. Zod so a live frame, which arrives untyped over the socket,
// is checked before it replaces a cached answer.

export const AGING_BUCKETS = ["0-7", "8-30", "31-90", ">90"] as const;
export const agingBucket = z.enum(AGING_BUCKETS);
export type AgingBucket = z.infer<typeof agingBucket>;

/** §6.1 figures of a set of counted lines: rate null when Σ system = 0, accuracy when no lines, value when no SKU has a unit cost. */
export const varianceFigures = z.object({
  lines: z.number().int(),
  net: z.number().int(),
  absolute: z.number().int(),
  rate: z.number().nullable(),
  accurate: z.number().int(),
  accuracy: z.number().nullable(),
  value: z.number().nullable(),
});
export type VarianceFigures = z.infer<typeof varianceFigures>;

export const reconciliationMatrix = z.object({
  from: z.string(),
  to: z.string(),
  cells: z.array(varianceFigures.extend({ location: z.string(), bucket: agingBucket })),
  byLocation: z.array(varianceFigures.extend({ location: z.string() })),
  /** Additive to docs/API.md: per bucket over every location (older servers may not send it). */
  byBucket: z.array(varianceFigures.extend({ bucket: agingBucket })).optional(),
  total: varianceFigures,
});
export type ReconciliationMatrix = z.infer<typeof reconciliationMatrix>;
export type MatrixCell = ReconciliationMatrix["cells"][number];

export const countedLine = z.object({
  sku: z.string(),
  skuName: z.string(),
  location: z.string(),
  occurredAt: z.string(),
  system: z.number().int(),
  counted: z.number().int(),
  variance: z.number().int(),
  value: z.number().nullable(),
  source: z.string(),
  countedBy: z.string().nullable(),
});
export type CountedLine = z.infer<typeof countedLine>;

export const reconciliationLines = z.object({ lines: z.array(countedLine), nextCursor: z.string().nullable() });
export type ReconciliationLines = z.infer<typeof reconciliationLines>;

export const reconciliationTrend = z.object({
  weeks: z.array(
    z.object({
      week: z.string(),
      from: z.string(),
      to: z.string(),
      lines: z.number().int(),
      absolute: z.number().int(),
      rate: z.number().nullable(),
      accuracy: z.number().nullable(),
    }),
  ),
});
export type ReconciliationTrend = z.infer<typeof reconciliationTrend>;
export type TrendWeek = ReconciliationTrend["weeks"][number];

/** The dashboard tile: the last 30 days; also what an overview frame's `reconciliation` carries. */
export const reconciliationSummary = varianceFigures.extend({ from: z.string(), to: z.string() });
export type ReconciliationSummary = z.infer<typeof reconciliationSummary>;

export const openDrift = z.object({
  source: z.string(),
  sku: z.string(),
  location: z.string(),
  bucket: z.string(),
  drift: z.number().int(),
  pool: z.number().int(),
  reported: z.number().int(),
  since: z.string(),
});
export type OpenDrift = z.infer<typeof openDrift>;

export const driftSource = z.object({ source: z.string(), skus: z.number().int(), absolute: z.number().int(), since: z.string().nullable() });
export type DriftSource = z.infer<typeof driftSource>;

export const driftResponse = z.object({ drifts: z.array(openDrift), sources: z.array(driftSource) });
export type DriftResponse = z.infer<typeof driftResponse>;

/** What an overview frame's `drift` carries: the per-source totals only. */
export const driftFrame = z.object({ sources: z.array(driftSource) });

export const sourcesSaid = z.object({
  locations: z.array(
    z.object({
      location: z.string(),
      onHand: z.number().int(),
      said: z.array(
        z.object({
          source: z.string(),
          bucket: z.string(),
          reported: z.number().int(),
          drift: z.number().int(),
          at: z.string(),
          trusted: z.boolean(),
        }),
      ),
    }),
  ),
});
export type SourcesSaid = z.infer<typeof sourcesSaid>;
