"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiUrl } from "@/client/api/api-url";
import { cursorPages } from "@/client/api/cursor-pages";
import { queryKeys } from "@/client/api/query-keys";
import type { RejectionsPage } from "@/client/api/types";

export const REJECTIONS_PAGE_SIZE = 50;

/** The rejected log, newest first, filtered by source and reason; "Load more" pages by cursor. */
export function useRejections(source: string | null, code: string | null) {
  return useInfiniteQuery({
    ...cursorPages<RejectionsPage>(queryKeys.rejections(source, code), (cursor) => apiUrl("/api/rejections", { limit: String(REJECTIONS_PAGE_SIZE), source, code, cursor })),
    placeholderData: keepPreviousData,
  });
}
