import { HealthPill } from "@/components/admin/HealthPill";
import type { OutboundHealth } from "@/client/api/types";
import { formatDuration, formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { LagPair } from "./LagPair";
import { LatencyText } from "./LatencyText";
import { RetryNowButton } from "./RetryNowButton";
import { formatAge, formatNextAttempt, formatSince, lagTone, pushVerdict, type PushState } from "./push-status";

const PROVIDERS: Record<OutboundHealth["provider"], string> = { standard: "Standard Webhooks", shopify: "Shopify" };
/** What is wrong, if anything: the refusal (red) or the error being retried (amber), with when. */
function ProblemCell({ c, state, now, canRetry }: { c: OutboundHealth; state: PushState; now: number; canRetry: boolean }) {
  const next = c.nextAttemptAt && c.pending > 0 ? formatNextAttempt(c.nextAttemptAt, now) : null;
  const nextTitle = c.nextAttemptAt ? `Next attempt ${formatAbsolute(c.nextAttemptAt)}` : undefined;
  if (state === "failing" && c.failing) {
    return (
      <div className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-1 xl:flex-nowrap">
        <span className="max-w-full min-w-0 truncate font-medium text-rose-700" title={c.failing.reason} data-testid="outbound-reason">
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
      <div className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-1 text-amber-800 xl:flex-nowrap">
        <span className="max-w-full min-w-0 truncate" title={c.lastError} data-testid="outbound-reason">
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

/**
 * A cell's name (its `data-label`), shown before it only where the cells stack as a card (below xl;
 * the table has headers). A pseudo-element, so the cell's text stays its value.
 */
const cardLabel = "before:mr-1.5 before:text-xs before:font-normal before:text-slate-500 before:content-[attr(data-label)] xl:before:hidden";

/**
 * One channel's pushes: state, what waits and since when, the last acknowledgement, lag, and the
 * latency the buffer uses. A table row from xl; below, its cells stack as a card, with the problem
 * (and Retry now) on its own line, so nothing needs a sideways scroll.
 */
export function ChannelPushRow({ c, state, now, canRetry }: { c: OutboundHealth; state: PushState; now: number; canRetry: boolean }) {
  const oldestAge = c.oldestPendingAt ? Math.max(0, now - Date.parse(c.oldestPendingAt)) : null;
  const problem = (state === "failing" && c.failing) || (state === "retrying" && c.lastError);
  return (
    <tr
      data-testid="outbound-row"
      data-channel={c.channel}
      data-state={state}
      data-pending={c.pending}
      className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 border-b border-slate-100 px-3 py-2 last:border-b-0 sm:grid-cols-4 xl:table-row xl:border-0 xl:p-0 xl:[&>td]:border-b xl:[&>td]:border-slate-100 xl:[&>td]:px-2 xl:[&>td]:py-1.5 xl:last:[&>td]:border-b-0"
    >
      <td className="min-w-0 truncate sm:col-span-3 xl:table-cell xl:whitespace-nowrap">
        <span className="font-mono font-medium text-slate-900">{c.channel}</span>
        <span className="ml-1.5 inline-block max-w-48 truncate align-bottom text-slate-500" title={`${c.name} · pushed with ${PROVIDERS[c.provider]}`}>
          {c.name}
        </span>
        {c.provider === "shopify" && <span className="ml-1.5 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-500">Shopify</span>}
      </td>
      <td className="justify-self-end xl:table-cell">
        <HealthPill verdict={pushVerdict(c, state)} />
      </td>
      <td
        className={`whitespace-nowrap tabular-nums xl:table-cell xl:text-right ${cardLabel}`}
        data-label="Pending"
        data-testid="outbound-pending"
        title={c.oldestPendingAt ? `Oldest waiting change happened ${formatAbsolute(c.oldestPendingAt)}` : "Nothing waiting"}
      >
        <span className={c.pending === 0 ? "text-slate-400" : "font-semibold text-slate-900"}>{formatInt(c.pending)}</span>
        {oldestAge !== null && <span className={`ml-1.5 text-xs ${lagTone(oldestAge)}`}>oldest {formatAge(oldestAge)}</span>}
      </td>
      <td className={`col-span-full min-w-0 xl:table-cell xl:w-full xl:max-w-0 ${problem ? "order-last" : "hidden"}`}>
        <ProblemCell c={c} state={state} now={now} canRetry={canRetry} />
      </td>
      <td
        className={`whitespace-nowrap tabular-nums xl:table-cell ${cardLabel}`}
        data-label="Last ack"
        data-testid="outbound-last-ack"
        title={c.lastAckAt ? `Last acknowledgement ${formatAbsolute(c.lastAckAt)}` : "The channel never acknowledged a push"}
      >
        {c.lastAckAt ? <span className="text-slate-700">{formatRelative(c.lastAckAt, now)}</span> : <span className="text-slate-400">never</span>}
      </td>
      <td
        className={`whitespace-nowrap tabular-nums xl:table-cell xl:text-right ${cardLabel}`}
        data-label="End-to-end p50 · p95"
        data-testid="outbound-e2e-lag"
        title={
          c.lag5m.acks
            ? `End-to-end lag (event → the channel's acknowledgement) over the last 5 min: p50 ${formatDuration(c.lag5m.p50Ms)}, p95 ${formatDuration(c.lag5m.p95Ms)}, ${formatInt(c.lag5m.acks)} acks`
            : "No change acknowledged in the last 5 min (an ack of a re-sent, unchanged number measures no lag)"
        }
      >
        {c.lag5m.acks > 0 ? <LagPair p50={c.lag5m.p50Ms} p95={c.lag5m.p95Ms} /> : <span className="text-slate-400">no changes</span>}
      </td>
      <td className={`col-span-full text-xs xl:table-cell xl:min-w-[11rem] xl:text-[13px] ${cardLabel}`} data-label="Latency" data-testid="outbound-latency">
        <LatencyText latency={c.latency} stacked className="text-slate-700" />
      </td>
    </tr>
  );
}
