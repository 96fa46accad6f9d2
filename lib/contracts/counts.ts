import { z } from "zod";
import { COUNT_REASONS } from "@/lib/counts/count-reasons";

const code = z.string().trim().min(1).max(100);

/** The most units one count line or cycle count may report. */
export const MAX_COUNTED_UNITS = 1_000_000_000;
export const MAX_COUNT_NOTE = 500;

/** POST /api/counts: a location and one way of choosing SKUs (none given = the 50 most due). */
export const openCountSchema = z
  .object({
    location: code,
    skus: z.array(code).min(1).max(5000).optional(),
    tag: code.optional(),
    due: z.number().int().min(1).max(5000).optional(),
    blind: z.boolean().default(true),
  })
  .strict()
  .refine((v) => [v.skus, v.tag, v.due].filter((x) => x !== undefined).length <= 1, { message: "give one of skus, tag or due", path: ["skus"] });
export type OpenCountInput = z.infer<typeof openCountSchema>;
export type OpenCountBody = z.input<typeof openCountSchema>;

export const countLineSchema = z
  .object({
    sku: code,
    counted: z.number().int("must be a whole number of units").min(0, "cannot be negative").max(MAX_COUNTED_UNITS),
    countedAt: z.iso.datetime({ offset: true }).optional(),
    reason: z.enum(COUNT_REASONS).optional(),
    /** Optional: when given it must be the count's location (a line for another location is refused). */
    location: code.optional(),
  })
  .strict();
export type CountLineInput = z.infer<typeof countLineSchema>;

export const countLinesSchema = z.object({ lines: z.array(countLineSchema).min(1).max(5000) }).strict();

/** POST /approve may carry the reasons a reviewer picked on the review screen. */
export const approveCountSchema = z.object({ reasons: z.record(code, z.enum(COUNT_REASONS)).optional() }).strict();

/** POST /api/skus/<code>/counts: one person's count of a SKU at a location (a canonical cycle_count event). */
export const cycleCountSchema = z
  .object({
    location: z.string().trim().min(1).max(100),
    quantity: z.number().int("must be a whole number of units").min(0, "cannot be negative").max(MAX_COUNTED_UNITS),
    note: z.string().trim().max(MAX_COUNT_NOTE).optional(),
  })
  .strict();
export type CycleCountBody = z.input<typeof cycleCountSchema>;
export type CycleCountInput = z.output<typeof cycleCountSchema>;
