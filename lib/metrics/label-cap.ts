// Prometheus keeps one series per label value, for ever. Source and channel names come from
// senders and admins: a sender that invents a new source per event must not grow /metrics (and
// every Prometheus scraping it) without bound. Pure.

/** The label value of everything past the cap. */
export const OTHER_LABEL = "_other";

/**
 * The first `max` distinct values keep their own label; later ones share OTHER_LABEL. A value
 * seen once stays its own, so a series never moves between labels.
 */
export class LabelCap {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}

/** Ingest lag, clamped at 0 (an occurredAt a little ahead of our clock is within tolerance, not negative lag), in seconds. */
export function lagSeconds(fromMs: number, toMs: number): number {
  return Math.max(0, toMs - fromMs) / 1000;
}
