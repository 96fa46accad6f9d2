import type { ChannelCode } from "./demo-network";
import type { Rng } from "./random";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Order ids shaped like each channel's own: Shopify's 13-digit ids, Amazon's 3-7-7 order numbers,
 * MercadoLibre's long numeric ids, Rappi's numeric ids and the store POS's ticket numbers.
 * `n` is a running number (the caller keeps it unique); `rng` fills in the parts providers randomise.
 */
export function orderIdFor(channel: ChannelCode, n: number, rng: Rng, prefix = ""): string {
  switch (channel) {
    case "web":
      return `${prefix}${5_912_000_000_000 + n * 7}`;
    case "amazon":
      return `${prefix}11${rng.int(1, 4)}-${pad(rng.int(0, 9_999_999), 7)}-${pad(n % 10_000_000, 7)}`;
    case "mercadolibre":
      return `${prefix}20000${9_100_000_000 + n * 3}`;
    case "rappi":
      return `${prefix}${1_840_000_000 + n * 5}`;
    case "stores":
      return `${prefix}CDMX1-${pad(n, 8)}`;
  }
}
