// Which pause covers (channel, SKU): docs/CHANNEL-RULES.md's three scopes. The most specific one is named
// (that channel and SKU, then the SKU on every channel, then the whole channel), oldest first.

export interface PauseInput {
  id: string;
  channel: string | null;
  sku: string | null;
  reason: string;
  until: string | null;
  by: string;
}

export interface PauseIndex {
  covering(channel: string, sku: string): PauseInput | null;
  /** The earliest `until` among these pauses, when one resumes by itself. */
  nextEnd(): string | null;
}

export function indexPauses(pauses: readonly PauseInput[]): PauseIndex {
  const sorted = [...pauses].sort((a, b) => Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : 1));
  const pair = new Map<string, PauseInput>();
  const bySku = new Map<string, PauseInput>();
  const byChannel = new Map<string, PauseInput>();
  for (const p of sorted) {
    const map = p.channel !== null && p.sku !== null ? pair : p.sku !== null ? bySku : p.channel !== null ? byChannel : null;
    const key = p.channel !== null && p.sku !== null ? `${p.channel}\u0000${p.sku}` : (p.sku ?? p.channel)!;
    if (map && !map.has(key)) map.set(key, p);
  }
  const ends = pauses
    .map((p) => p.until)
    .filter((u): u is string => u !== null)
    .sort();
  return {
    // Called for every (channel, SKU) of a full recompute: no key is built while no pause needs it.
    covering: (channel, sku) => (pair.size ? pair.get(`${channel}\u0000${sku}`) : undefined) ?? (bySku.size ? bySku.get(sku) : undefined) ?? byChannel.get(channel) ?? null,
    nextEnd: () => ends[0] ?? null,
  };
}
