import { searchWords } from "./search-words";

// "Did you mean": the SKUs a mistyped or mis-cased code probably meant, best first.

export interface SkuName {
  code: string;
  name: string;
}

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** Edit distance (insert, delete, substitute), stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/**
 * Up to `limit` SKUs for an unknown code: the same code in other capitals (or other punctuation)
 * first, then codes a typo or two away, then codes that start with it, then SKUs whose code or name
 * holds every word of it. Ties: closer spelling, then code.
 */
export function suggestSkus(input: string, skus: readonly SkuName[], limit = 5): SkuName[] {
  const typed = squash(input);
  if (!typed) return [];
  const lower = input.trim().toLowerCase();
  const words = searchWords(input);
  const typos = Math.max(1, Math.floor(typed.length / 6));
  const ranked: { sku: SkuName; rank: number; distance: number }[] = [];
  for (const sku of skus) {
    const code = squash(sku.code);
    const distance = editDistance(typed, code, typos);
    let rank: number;
    if (sku.code.toLowerCase() === lower) rank = 0;
    else if (code === typed) rank = 1;
    else if (distance <= typos) rank = 2;
    else if (typed.length >= 3 && code.startsWith(typed)) rank = 3;
    else if (words.length > 0 && words.every((w) => squash(`${sku.code} ${sku.name}`).includes(w))) rank = 4;
    else continue;
    ranked.push({ sku, rank, distance });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.distance - b.distance || (a.sku.code < b.sku.code ? -1 : 1));
  return ranked.slice(0, limit).map((r) => r.sku);
}
