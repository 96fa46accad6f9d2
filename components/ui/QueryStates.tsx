import type { ReactNode } from "react";
import { ErrorPanel } from "./ErrorPanel";
import { RefreshFailedNote } from "./RefreshFailedNote";

/**
 * The four states of a list or table fed by a query: the first load's failure (ErrorPanel with a
 * retry), loading (the caller's skeleton), empty, and the data, with a RefreshFailedNote above it
 * when a later refresh failed but the last data stays on screen.
 */
export function QueryStates<T>(p: {
  query: { data: T | undefined; error: unknown; isError: boolean; isRefetching?: boolean; refetch(): unknown };
  /** "Could not load the people". */
  errorTitle: string;
  /** What stays on screen after a failed refresh, e.g. "list received"; omit when the page shows that note elsewhere (in a summary line). */
  shown?: string;
  loading: ReactNode;
  /** Shown instead of children when set and `isEmpty(data)`. */
  empty?: ReactNode;
  isEmpty?(data: T): boolean;
  children(data: T): ReactNode;
}) {
  const { data, error, isError } = p.query;
  if (data === undefined) return isError ? <ErrorPanel title={p.errorTitle} error={error} onRetry={() => void p.query.refetch()} retrying={p.query.isRefetching} /> : p.loading;
  return (
    <>
      {isError && p.shown && <RefreshFailedNote shown={p.shown} onRetry={() => void p.query.refetch()} className="my-2" />}
      {p.empty !== undefined && p.isEmpty?.(data) ? p.empty : p.children(data)}
    </>
  );
}
