import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/client/api/query-keys";

/** A pause or resume changes published numbers everywhere: the pauses, every stock list and every SKU page. */
export const invalidatePauseViews = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: queryKeys.pauses }), qc.invalidateQueries({ queryKey: queryKeys.skuLists }), qc.invalidateQueries({ queryKey: queryKeys.skuAll })]);
