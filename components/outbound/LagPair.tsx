import { formatDuration } from "@/client/format/numbers";
import { lagTone } from "./push-status";

/** "p50 · p95", each coloured by docs/NUMBERS.md (the same rule for ingest and end-to-end, so they compare at a glance). */
export function LagPair({ p50, p95 }: { p50: number | null; p95: number | null }) {
  return (
    <span className="tabular-nums">
      <span className={lagTone(p50)}>{formatDuration(p50)}</span>
      <span className="text-slate-400"> · </span>
      <span className={`font-medium ${lagTone(p95)}`}>{formatDuration(p95)}</span>
    </span>
  );
}
