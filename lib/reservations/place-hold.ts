// Where a checkout hold sits (docs/QUANTITY-MODEL.md §5). Pure.

export interface LocationAvailable {
  id: number;
  code: string;
  /** available at the location (may be negative: it then has nothing to give). */
  available: number;
}

export interface HoldPart {
  locationId: number;
  quantity: number;
}

/**
 * The hold goes to the sellable location with the most available (ties: code). What that location
 * cannot cover goes to the next one in the same order, so a hold never drives a location below 0:
 * a negative location is clamped to 0 in available real, and a hold that pushed one there would
 * take fewer units out of available real than it holds (and the next checkout could oversell).
 * Null when the locations together cannot cover it.
 */
export function placeHold(sellable: readonly LocationAvailable[], quantity: number): HoldPart[] | null {
  const order = sellable.filter((l) => l.available > 0).sort((a, b) => b.available - a.available || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const parts: HoldPart[] = [];
  let left = quantity;
  for (const l of order) {
    if (left === 0) break;
    const take = Math.min(left, l.available);
    parts.push({ locationId: l.id, quantity: take });
    left -= take;
  }
  return left === 0 ? parts : null;
}
