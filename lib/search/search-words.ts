// SKU search: every word of the query must appear somewhere in the SKU's code, name or tags, in any
// order, ignoring case and punctuation ("knee brace m bl" finds "Knee Brace (M, Black)").

/** At most this many words count; a pasted paragraph should not become a 200-term query. */
export const MAX_SEARCH_WORDS = 12;

/**
 * The words of a search, lower-cased and de-duplicated. Anything that is not a letter or a digit
 * separates words, so "knee-brace", "knee_brace" and "Knee, Brace" are the same two words.
 */
export function searchWords(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}
