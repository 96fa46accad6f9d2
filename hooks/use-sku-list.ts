"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiUrl } from "@/client/api/api-url";
import { cursorPages } from "@/client/api/cursor-pages";
import { queryKeys } from "@/client/api/query-keys";
import type { SkuPage, SkuSort } from "@/client/api/types";
import { SKU_PAGE_SIZE } from "@/components/stock/sorts";

/** The first page as the server rendered it, for the search and sort it was rendered with. */
export interface InitialSkuPage {
  q: string;
  sort: SkuSort;
  page: SkuPage;
  fetchedAt: number;
}

/**
 * The stock list, searched and sorted server-side, paged by cursor. Live frames patch this cache.
 * With `initial` the first rows come with the HTML, not after the JavaScript has loaded and asked.
 */
export function useSkuList(q: string, sort: SkuSort, initial?: InitialSkuPage) {
  const seeded = initial && initial.q === q && initial.sort === sort ? initial : undefined;
  return useInfiniteQuery({
    ...cursorPages<SkuPage>(queryKeys.skuList(q, sort), (cursor) => apiUrl("/api/skus", { sort, limit: String(SKU_PAGE_SIZE), q, cursor })),
    // Typing a search keeps the previous rows on screen until the new answer arrives.
    placeholderData: keepPreviousData,
    ...(seeded && { initialData: { pages: [seeded.page], pageParams: [null] }, initialDataUpdatedAt: seeded.fetchedAt }),
  });
}
