import type { Rng } from "./random";

/**
 * How long each kind of source takes to tell us that something happened (occurredAt → receivedAt).
 * Webhooks arrive in about a second; Amazon's notifications go through a queue; the 3PL and the
 * dropship vendor post from batch jobs, so their events are tens of seconds old when they land.
 */
const LAG: Record<string, { medianMs: number; spread: number; maxMs: number }> = {
  "shopify-web": { medianMs: 800, spread: 0.6, maxMs: 15_000 },
  "meli-mx": { medianMs: 1_500, spread: 0.6, maxMs: 20_000 },
  "rappi-cdmx": { medianMs: 600, spread: 0.5, maxMs: 10_000 },
  "pos-cdmx": { medianMs: 400, spread: 0.5, maxMs: 8_000 },
  "wms-gdl": { medianMs: 1_200, spread: 0.5, maxMs: 15_000 },
  "amazon-sp": { medianMs: 4_000, spread: 0.7, maxMs: 90_000 },
  "amazon-fba": { medianMs: 25_000, spread: 0.5, maxMs: 180_000 },
  "3pl-shipbob": { medianMs: 35_000, spread: 0.35, maxMs: 120_000 },
  "vendor-orthosupply": { medianMs: 45_000, spread: 0.5, maxMs: 300_000 },
  erp: { medianMs: 3_000, spread: 0.5, maxMs: 30_000 },
};

export function sourceLagMs(rng: Rng, source: string): number {
  const l = LAG[source] ?? { medianMs: 1_000, spread: 0.6, maxMs: 20_000 };
  // A store's POS occasionally loses its connection and replays a few minutes later.
  if (source === "pos-cdmx" && rng.chance(0.01)) return rng.int(30_000, 240_000);
  return Math.round(Math.min(l.maxMs, Math.max(150, rng.logNormal(l.medianMs, l.spread))));
}
