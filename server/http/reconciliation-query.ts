import "server-only";
import { z } from "zod";
import { resolvePeriod } from "@/lib/reconciliation/period";
import { getServices } from "@/server/services";
import { jsonError } from "./route-helpers";

/** The period fields every reconciliation read takes (dates or ISO times; checked by resolvePeriod). */
export const periodFields = { from: z.string().max(40).optional(), to: z.string().max(40).optional() };

/** [from, to) in ms, or the 400 naming the field. */
export function periodOf(q: { from?: string; to?: string }): { ok: true; from: number; to: number } | { ok: false; response: Response } {
  const p = resolvePeriod(q, Date.now());
  return p.ok ? p : { ok: false, response: jsonError(400, "invalid_field", p.message, { field: p.field }) };
}

/** A location code's id, or the 400 naming the field. */
export function locationIdOf(code: string | undefined, field = "location"): { ok: true; id: number | null } | { ok: false; response: Response } {
  if (code === undefined) return { ok: true, id: null };
  const loc = getServices().catalog.locations.get(code);
  return loc ? { ok: true, id: loc.id } : { ok: false, response: jsonError(400, "invalid_field", `${field}: no location "${code}"`, { field }) };
}
