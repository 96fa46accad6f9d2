import { queryOptions, type QueryKey } from "@tanstack/react-query";
import { fetchJson, isRetryable } from "./fetch-json";

// A list or figure nothing pushes live is polled: one GET, its cache key, and when to stop asking.

/** The state of a query a poll policy reads (a plain or an infinite query). */
interface PolledState {
  state: { status: string; error: unknown };
}

/** Poll every `ms`; a refusal (4xx) is final, an unreachable server is polled until it answers again. */
export const pollUnlessRefused =
  (ms: number) =>
  (query: PolledState): number | false =>
    query.state.status === "error" && !isRetryable(query.state.error) ? false : ms;

/** Poll every `ms` until any error (a refusal: session ended, role changed; or the server gone). */
export const pollUntilError =
  (ms: number) =>
  (query: PolledState): number | false =>
    query.state.status === "error" ? false : ms;

/** `GET path` as JSON, cached under `queryKey` and refetched on `refetchInterval` (a number or a policy above). */
export function polledJson<T>(queryKey: QueryKey, path: string, refetchInterval: number | ((query: PolledState) => number | false)) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetchJson<T>(path, { signal }), refetchInterval });
}
