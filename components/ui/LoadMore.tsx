import type { ReactNode } from "react";
import { Button } from "./Button";

/** The footer of a paged list: what is shown, and a Load more button while there is a next page (TanStack `useInfiniteQuery`). */
export function LoadMore(p: {
  /** "Showing 50 rejections, newest first". */
  shown: ReactNode;
  shownTestId?: string;
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): unknown };
  testId?: string;
  className?: string;
}) {
  return (
    <div className={`flex items-center justify-between gap-3 text-xs text-slate-500 ${p.className ?? "mt-3"}`}>
      <span data-testid={p.shownTestId}>{p.shown}</span>
      {p.query.hasNextPage && (
        <Button data-testid={p.testId} onClick={() => void p.query.fetchNextPage()} disabled={p.query.isFetchingNextPage}>
          {p.query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
