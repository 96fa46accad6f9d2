import type { SkuSort } from "@/components/api/types";

/** The list's order when the URL names none. */
export const DEFAULT_SORT: SkuSort = "code";
