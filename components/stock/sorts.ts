import type { SkuSort } from "@/client/api/types";

/** The list's order when the URL names none. */
export const DEFAULT_SORT: SkuSort = "code";

/** Rows per page of the list (the first page is rendered on the server, the rest fetched). */
export const SKU_PAGE_SIZE = 100;
