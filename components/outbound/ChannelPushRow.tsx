import { HealthPill } from "@/components/admin/HealthPill";
import type { OutboundHealth } from "@/components/api/types";
import { formatDuration, formatInt } from "@/components/format/numbers";
import { formatAbsolute, formatRelative } from "@/components/format/time";
import { LagPair } from "./LagPair";
import { RetryNowButton } from "./RetryNowButton";
import { formatAge, formatNextAttempt, formatSince, lagTone, pushVerdict, type PushState } from "./push-status";

const PROVIDERS: Record<OutboundHealth["provider"], string> = { standard: "Standard Webhooks", shopify: "Shopify" };
/** MIN_ACKS_FOR_MEASURED (server/outbound/measured-latency.ts): a value, not an import, so no server code reaches the bundle. */
const MIN_ACKS = 20;

function LatencyCell({ c }: { c: OutboundHealth }) {
  if (c.latencySource === "measured") {
    return (
      <span title={`Measured: p95 of ${formatInt(c.lag24h.acks)} acknowledged pushes over 24 h; the dynamic buffer uses it`} data-latency="measured">
        <span className="text-slate-500">Measured</span> <span className="tabular-nums text-slate-900">{formatDuration(c.lag24h.p95Ms)}</span>
      </span>
    );
  }
  if (c.latencySource === "configured") {
    return (
      <span title={`Configured on the channel (${c.latencyMinutes} min); used until ${MIN_ACKS} acknowledged pushes in 24 h measure it (${formatInt(c.lag24h.acks)} so far)`} data-latency="configured">
        <span className="text-slate-500">Configured</span> <span className="tabular-nums text-slate-900">{formatDuration((c.latencyMinutes ?? 0) * 60_000)}</span>
      </span>
    );
  }
  return (
    <span className="text-slate-400" title={`No latency configured, and fewer than ${MIN_ACKS} acknowledged pushes in 24 h (${formatInt(c.lag24h.acks)}) to measure one`} data-latency="none">
      Not set
    </span>
  );
}

/** What is wrong, if anything: the refusal (red) or the error being retried (amber), with when. */
function ProblemCell({ c, state, now, canRetry }: { c: OutboundHealth; state: PushState; now: number; canRetry: boolean }) {
  const next = c.nextAttemptAt && c.pending > 0 ? formatNextAttempt(c.nextAttemptAt, now) : null;
  const nextTitle = c.nextAttemptAt ? `Next attempt ${formatAbsolute(c.nextAttemptAt)}` : undefined;
  if (state === "failing" && c.failing) {
    return (
      <div className="flex min-w-0 items-baseline gap-2">
        <span className="truncate font-medium text-rose-700" title={c.failing.reason} data-testid="outbound-reason">
          {c.failing.reason}
        </span>
        <span className="shrink-0 whitespace-nowrap text-slate-500" title={`Failing since ${formatAbsolute(c.failing.since)}`} data-testid="outbound-since">
          since {formatSince(c.failing.since, now)} ({formatAge(Math.max(0, now - Date.parse(c.failing.since)))})
        </span>
        {next && (
          <span className="shrink-0 whitespace-nowrap text-slate-400" title={nextTitle}>
            · retry {next}
          </span>
        )}
        {canRetry && <RetryNowButton channel={c.channel} />}
      </div>
    );
  }
  if (state === "retrying" && c.lastError) {
    return (
      <div className="flex min-w-0 items-baseline gap-2 text-amber-800">
        <span className="truncate" title={c.lastError} data-testid="outbound-reason">
          {c.lastError}
        </span>
        {next && (
          <span className="shrink-0 whitespace-nowrap font-medium" title={nextTitle} data-testid="outbound-next">
            next attempt {next}
          </span>
        )}
        {canRetry && <RetryNowButton channel={c.channel} />}
      </div>
    );
  }
  return <span className="text-slate-300">—</span>;
}

/** One channel's pushes: state, what waits and since when, the last acknowledgement, lag, and the latency the buffer uses. */
export function ChannelPushRow({ c, state, now, canRetry }: { c: OutboundHealth; state: PushState; now: number; canRetry: boolean }) {
  const oldestAge = c.oldestPendingAt ? Math.max(0, now - Date.parse(c.oldestPendingAt)) : null;
  return (
    <tr data-testid="outbound-row" data-channel={c.channel} data-state={state} data-pending={c.pending} className="[&>td]:border-b [&>td]:border-slate-100 [&>td]:px-2 [&>td]:py-1.5 last:[&>td]:border-b-0">
      <td className="whitespace-nowrap">
        <span className="font-mono font-medium text-slate-900">{c.channel}</span>
        <span className="ml-1.5 inline-block max-w-48 truncate align-bottom text-slate-500" title={`${c.name} · pushed with ${PROVIDERS[c.provider]}`}>
          {c.name}
        </span>
        {c.provider === "shopify" && <span className="ml-1.5 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-500">Shopify</span>}
      </td>
      <td>
        <HealthPill verdict={pushVerdict(c, state)} />
      </td>
      <td className="whitespace-nowrap text-right tabular-nums" data-testid="outbound-pending" title={c.oldestPendingAt ? `Oldest waiting change happened ${formatAbsolute(c.oldestPendingAt)}` : "Nothing waiting"}>
        <span className={c.pending === 0 ? "text-slate-400" : "font-semibold text-slate-900"}>{formatInt(c.pending)}</span>
        {oldestAge !== null && <span className={`ml-1.5 text-xs ${lagTone(oldestAge)}`}>oldest {formatAge(oldestAge)}</span>}
      </td>
      <td className="w-full max-w-0">
        <ProblemCell c={c} state={state} now={now} canRetry={canRetry} />
      </td>
      <td className="whitespace-nowrap tabular-nums" data-testid="outbound-last-ack" title={c.lastAckAt ? `Last acknowledgement ${formatAbsolute(c.lastAckAt)}` : "The channel never acknowledged a push"}>
        {c.lastAckAt ? <span className="text-slate-700">{formatRelative(c.lastAckAt, now)}</span> : <span className="text-slate-400">never</span>}
      </td>
      <td
        className="whitespace-nowrap text-right tabular-nums"
        data-testid="outbound-e2e-lag"
        title={c.lag5m.acks ? `End-to-end lag (event → the channel's acknowledgement) over the last 5 min: p50 ${formatDuration(c.lag5m.p50Ms)}, p95 ${formatDuration(c.lag5m.p95Ms)}, ${formatInt(c.lag5m.acks)} acks` : "No acknowledgement in the last 5 min"}
      >
        {c.lag5m.acks > 0 ? <LagPair p50={c.lag5m.p50Ms} p95={c.lag5m.p95Ms} /> : <span className="text-slate-400">no acks</span>}
      </td>
      <td className="whitespace-nowrap">
        <LatencyCell c={c} />
      </td>
    </tr>
  );
}
