import type { PublishedChannel } from "@/client/api/types";

export type BufferTerm = "units" | "percent" | "dynamic";

export interface ExplainSteps {
  /** base − ⌈applied buffer⌉, before floor/min/max. */
  afterBuffer: number;
  /** The largest buffer term (the one applied), or null when every term is 0. */
  appliedTerm: BufferTerm | null;
  floorHit: boolean;
  minRaised: boolean;
  maxCapped: boolean;
  baseCapped: boolean;
  /**
   * Whether replaying the steps gives the server's number. The API rounds buffer terms to 2
   * decimals, so a rounding edge can differ; then the notes are left out rather than wrong.
   */
  consistent: boolean;
}

/** Replays lib/allocation/compute-published.ts on the breakdown, to say which step decided the number. */
export function explainSteps(c: PublishedChannel): ExplainSteps {
  const { buffer } = c;
  const appliedTerm: BufferTerm | null =
    buffer.applied <= 0 ? null : buffer.units === buffer.applied ? "units" : buffer.percent === buffer.applied ? "percent" : buffer.dynamic === buffer.applied ? "dynamic" : null;
  const afterBuffer = c.base - Math.ceil(buffer.applied);
  const floorHit = !c.pausedBy && c.floor > 0 && c.availableReal <= c.floor;
  let p = Math.max(afterBuffer, c.minQty);
  const minRaised = afterBuffer < c.minQty;
  const maxCapped = c.maxQty !== null && p > c.maxQty;
  if (maxCapped) p = c.maxQty!;
  const baseCapped = p > c.base;
  if (baseCapped) p = c.base;
  const replayed = c.pausedBy || c.availableReal <= c.floor ? 0 : Math.max(0, p);
  return { afterBuffer, appliedTerm, floorHit, minRaised, maxCapped, baseCapped, consistent: replayed === c.published };
}

const units = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
/** Units, fractional for buffer terms: 12, 10.5, −3. */
export const formatUnits = (n: number) => units.format(n).replace("-", "−");
