"use client";

import { formatDuration } from "@/client/format/numbers";
import { useIngestLag } from "@/hooks/use-ingest-lag";

// docs/NUMBERS.md: sub-minute is the target, 5 minutes the hard ceiling.
const tone = (p95: number | null) => (p95 === null ? "text-slate-500" : p95 > 300_000 ? "text-rose-700" : p95 > 60_000 ? "text-amber-700" : "text-slate-900");

/** Ingest lag p95 over the last 5 minutes (receivedAt − occurredAt), pushed by lag frames. */
export function IngestLag() {
  const { data, isError } = useIngestLag();
  const lag = data?.ingest;
  const title = lag
    ? lag.events === 0
      ? "No events received in the last 5 minutes"
      : `Ingest lag over the last 5 min: p50 ${formatDuration(lag.p50Ms)}, p95 ${formatDuration(lag.p95Ms)}, ${lag.events.toLocaleString("en-US")} events`
    : isError
      ? "Lag unavailable"
      : "Loading lag…";
  return (
    // One line at every width: below 1536 px (where an admin's full nav bar with its badges leaves
    // little room) "Lag" and the figure; the rest is in the tooltip.
    <span className="inline-flex shrink-0 items-baseline gap-1.5 text-xs whitespace-nowrap text-slate-500" title={title} data-testid="ingest-lag">
      <span className="sr-only 2xl:not-sr-only">Ingest lag p95</span>
      <span aria-hidden className="2xl:hidden">
        Lag
      </span>
      <span className={`font-semibold tabular-nums ${tone(lag?.p95Ms ?? null)}`}>{lag ? (lag.events === 0 ? "no events" : formatDuration(lag.p95Ms)) : "—"}</span>
      {lag && lag.events > 0 && <span className="hidden tabular-nums text-slate-400 2xl:inline">· {lag.events.toLocaleString("en-US")} ev / 5 min</span>}
    </span>
  );
}
