import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/client/api/query-keys";
import type { SkuPage, SkuRow } from "@/client/api/types";

/** Is `incoming` at least as new as `cached`? Ledger sequences are bigint strings. */
export const isNewer = (incoming: SkuRow, cached: SkuRow) => BigInt(incoming.lastSeq) >= BigInt(cached.lastSeq);

/** The server's search (code, name or tag contains q, case-insensitive), to guess whether a new row belongs in a list. */
function matches(row: SkuRow, q: string): boolean {
  if (!q) return true;
  const needle = q.trim().toLowerCase();
  return [row.code, row.name, ...row.tags].some((s) => s.toLowerCase().includes(needle));
}

/**
 * Put live rows into every cached stock list, replacing rows by code (never with an older copy).
 * Rows stay where they are even if the sort order would move them: jumping rows are unreadable.
 * Returns the list keys that have seen a matching SKU they do not hold while fully loaded (a new
 * SKU): those need a refetch to place it.
 */
export function patchSkuLists(qc: QueryClient, rows: SkuRow[]): readonly unknown[][] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const stale: unknown[][] = [];
  for (const [key, data] of qc.getQueriesData<InfiniteData<SkuPage, string | null>>({ queryKey: queryKeys.skuLists })) {
    if (!data) continue;
    const seen = new Set<string>();
    let changed = false;
    const pages = data.pages.map((page) => {
      let pageChanged = false;
      const items = page.items.map((item) => {
        const next = byCode.get(item.code);
        if (!next) return item;
        seen.add(item.code);
        if (!isNewer(next, item) || JSON.stringify(next) === JSON.stringify(item)) return item;
        pageChanged = true;
        return next;
      });
      if (!pageChanged) return page;
      changed = true;
      return { ...page, items };
    });
    if (changed) qc.setQueryData(key, { ...data, pages });
    const fullyLoaded = data.pages.at(-1)?.nextCursor === null;
    const q = (key[2] as { q?: string } | undefined)?.q ?? "";
    if (fullyLoaded && rows.some((r) => !seen.has(r.code) && matches(r, q))) stale.push([...key]);
  }
  return stale;
}
