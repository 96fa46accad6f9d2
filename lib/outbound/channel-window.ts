// How many pushes one channel may have in flight at once (docs/CONNECTORS.md §5.1, "Concurrency"). Pure.

/**
 * A channel starts with 16 pushes in flight, may grow to 64 while it answers 2xx as fast as they
 * are sent, and shrinks to 1 while it is overloaded or down. One (channel, SKU) is still never in
 * flight twice: the window bounds how many SKUs are.
 */
export const CHANNEL_WINDOW = { min: 1, start: 16, max: 64, cutEveryMs: 1000 } as const;

export type WindowLimits = { readonly [K in keyof typeof CHANNEL_WINDOW]: number };

export interface ChannelWindow {
  /** Pushes allowed in flight. */
  size: number;
  /** 2xx answers on a full window since it last grew: at `size` of them it grows by one. */
  acked: number;
  /** When it was last cut (ms), so that one burst of failures is one cut. */
  cutAt: number | null;
}

export const openWindow = (limits: WindowLimits = CHANNEL_WINDOW): ChannelWindow => ({ size: limits.start, acked: 0, cutAt: null });

/** Whole pushes the window allows in flight. */
export const windowSlots = (w: ChannelWindow): number => w.size;

/**
 * The window after one answer, as TCP does it (additive increase, multiplicative decrease):
 * - a 2xx while the channel had its whole window in use (`saturated`) counts towards one push more
 *   per window of such answers; a 2xx with slots to spare says nothing about more;
 * - a 429, a 5xx or no answer in time (the channel is overloaded or down) halves it, at most once
 *   per `cutEveryMs`: the pushes that were in flight together fail together, and that is one signal;
 * - a refusal (any other 4xx: a bad secret, an unknown SKU) says nothing about load and leaves it.
 */
export function afterAnswer(w: ChannelWindow, outcome: "ack" | "retry" | "reject", saturated: boolean, now: number, limits: WindowLimits = CHANNEL_WINDOW): ChannelWindow {
  if (outcome === "ack") {
    if (!saturated || w.size >= limits.max) return w;
    return w.acked + 1 >= w.size ? { size: w.size + 1, acked: 0, cutAt: w.cutAt } : { ...w, acked: w.acked + 1 };
  }
  if (outcome === "reject") return w;
  if (w.cutAt !== null && now - w.cutAt < limits.cutEveryMs) return w;
  return { size: Math.max(limits.min, Math.floor(w.size / 2)), acked: 0, cutAt: now };
}
