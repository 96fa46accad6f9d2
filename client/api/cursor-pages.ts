import { infiniteQueryOptions, type QueryKey } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

/**
 * A list paged by cursor ("Load more"): `url(cursor)` asks for the page after `cursor` (null: the
 * first page), and each page names the cursor of the next (null after the last).
 */
export function cursorPages<T extends { nextCursor: string | null }>(queryKey: QueryKey, url: (cursor: string | null) => string) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchJson<T>(url(pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: T) => last.nextCursor,
  });
}
