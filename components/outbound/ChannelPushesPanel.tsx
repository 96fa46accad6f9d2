"use client";

import { useState } from "react";
import { errorText } from "@/client/api/error-text";
import { ApiError } from "@/client/api/fetch-json";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { Skeleton, SkeletonBars } from "@/components/ui/Skeleton";
import { useIngestLag } from "@/hooks/use-ingest-lag";
import { useNow } from "@/hooks/use-now";
import { useOutboundHealth } from "@/hooks/use-outbound-health";
import { ChannelPushRow } from "./ChannelPushRow";
import { LagPair } from "./LagPair";
import { PUSH_RANK, pushState, type PushState } from "./push-status";
import { RefreshFailedNote } from "@/components/ui/RefreshFailedNote";
import { TableHead } from "@/components/ui/DataTable";

/** Rows shown before the rest fold away: problems sort first, so what is folded is the calmest. */
const MAX_ROWS = 8;

const Code = ({ children }: { children: React.ReactNode }) => <code className="rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-700">{children}</code>;

/** Ingest lag beside the channels' end-to-end lag: the gap between them is the time spent pushing. */
function IngestLagRef() {
  const { data } = useIngestLag();
  const lag = data?.ingest;
  return (
    <span
      className="inline-flex items-baseline gap-1.5 text-xs text-slate-500"
      data-testid="outbound-ingest-lag"
      title="Ingest lag (event → received by Onepool) over the last 5 min, to compare with each channel's end-to-end lag (event → the channel's acknowledgement)"
    >
      Ingest lag p50 · p95 <span className="text-slate-400">(5 min)</span>
      {lag ? lag.events === 0 ? <span className="text-slate-400">no events</span> : <LagPair p50={lag.p50Ms} p95={lag.p95Ms} /> : <span className="text-slate-400">—</span>}
    </span>
  );
}

/** How pushes are registered: admins only, the only ones who can do it. */
function AdminHint({ empty }: { empty: boolean }) {
  return (
    <p className="text-xs text-slate-500" data-testid="outbound-admin-hint">
      {empty ? "Register one with " : "Register or change a channel's push with "}
      <Code>PUT /api/channels/&lt;code&gt;/outbound</Code> (a URL and a signing secret), see <Code>docs/CONNECTORS.md</Code>
      {empty ? "." : "; saving it again retries a failing channel at once."}
    </p>
  );
}

function Frame({ state, children, aside }: { state: "loading" | "error" | "empty" | "ready"; children?: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section
      aria-labelledby="channel-pushes-title"
      data-testid="channel-pushes"
      data-state={state}
      aria-busy={state === "loading"}
      className="rounded-lg border border-slate-200 bg-white text-[13px] shadow-xs"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
        <h2 id="channel-pushes-title" className="text-sm font-semibold text-slate-900">
          Channel pushes
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/**
 * The live stock page's view of outbound pushes (issue 7): per channel with a connector, what
 * waits and since when, the refusal or the error being retried, the last acknowledgement, end-to-end
 * lag beside ingest lag, and where the buffer's latency comes from. Polled every 5 s.
 */
export function ChannelPushesPanel() {
  const q = useOutboundHealth();
  const isAdmin = useCan("connectors.manage");
  // Every second: the next-attempt countdown runs in seconds.
  const now = useNow(1_000);
  const [expanded, setExpanded] = useState(false);
  const channels = q.data?.channels;
  // A query with no data goes back to pending on every refetch: keep its last error on screen
  // between polls instead of flashing the skeleton every 5 s.
  const [lastError, setLastError] = useState<unknown>(null);
  if (q.error && q.error !== lastError) setLastError(q.error);
  else if (channels && lastError !== null) setLastError(null);
  const error = channels ? null : (q.error ?? lastError);

  if (error) {
    const api = error instanceof ApiError ? error : null;
    return (
      <Frame state="error">
        <p role="alert" className="border-t border-slate-100 px-3 py-2.5 text-xs text-rose-700">
          Channel pushes unavailable: {errorText(error)}
          {api && api.status > 0 && (
            <span className="ml-1 font-mono text-[11px] text-rose-400">
              HTTP {api.status} · {api.code}
            </span>
          )}{" "}
          <button type="button" onClick={() => void q.refetch()} disabled={q.isFetching} className="ml-1 font-medium text-slate-700 underline hover:text-slate-900 disabled:opacity-60">
            {q.isFetching ? "Retrying…" : "Retry"}
          </button>
        </p>
      </Frame>
    );
  }
  if (!channels) {
    return (
      <Frame state="loading" aside={<Skeleton className="h-3 w-40" />}>
        <div aria-hidden className="space-y-2.5 border-t border-slate-100 px-3 py-2.5">
          {[0, 1].map((i) => (
            <div key={i} className="flex items-center gap-4">
              <SkeletonBars bars={["h-3.5 w-32", "h-4 w-14 rounded-full", "h-3.5 w-16", "h-3.5 flex-1", "h-3.5 w-20", "h-3.5 w-24"]} />
            </div>
          ))}
        </div>
      </Frame>
    );
  }
  if (channels.length === 0) {
    return (
      <Frame
        state="empty"
        aside={
          <>
            <span className="text-xs text-slate-600">No channel pushes yet.</span>
            {isAdmin ? <AdminHint empty /> : <span className="text-xs text-slate-500">An admin registers where each channel&apos;s published quantities are pushed.</span>}
          </>
        }
      />
    );
  }

  const judged = channels.map((c) => ({ c, state: pushState(c) })).sort((a, b) => PUSH_RANK[a.state] - PUSH_RANK[b.state] || a.c.channel.localeCompare(b.c.channel));
  const shown = expanded ? judged : judged.slice(0, MAX_ROWS);
  const folded = judged.length - shown.length;
  const count = (s: PushState) => judged.filter((j) => j.state === s).length;
  const failing = count("failing");
  const retrying = count("retrying");
  const waiting = channels.reduce((n, c) => n + c.pending, 0);
  return (
    <Frame
      state="ready"
      aside={
        <>
          <span className="text-xs text-slate-500" data-testid="outbound-counts">
            {formatInt(channels.length)} channel{channels.length === 1 ? "" : "s"}
            {failing > 0 && <span className="font-medium text-rose-700"> · {failing} failing</span>}
            {retrying > 0 && <span className="font-medium text-amber-800"> · {retrying} retrying</span>}
            {waiting > 0 && <span> · {formatInt(waiting)} waiting</span>}
          </span>
          {q.isError && <RefreshFailedNote shown="state received" onRetry={() => void q.refetch()} inline />}
          <span className="ml-auto">
            <IngestLagRef />
          </span>
        </>
      }
    >
      {/* A table from xl; below, each channel is a card (ChannelPushRow): no sideways scroll, Retry now in sight. */}
      <div className="border-t border-slate-200 xl:border-t-0">
        <table className="block w-full border-separate border-spacing-0 xl:table">
          <caption className="sr-only">Outbound pushes per channel, polled every 5 seconds</caption>
          <TableHead
            className="hidden text-xs text-slate-500 xl:table-header-group [&_th]:border-y [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1.5 [&_th]:font-medium"
            columns={[
              "Channel",
              "Status",
              { label: "Pending", className: "text-right whitespace-nowrap", title: "Published numbers the channel has not acknowledged yet, and how long ago the oldest change happened" },
              "Problem",
              { label: "Last ack", className: "text-left whitespace-nowrap" },
              { label: "End-to-end p50 · p95", className: "text-right whitespace-nowrap", title: "Event → the channel's acknowledgement, over the last 5 min" },
              {
                label: "Latency",
                className: "text-left whitespace-nowrap",
                title:
                  "The latency the dynamic buffer uses, as the Rules page and the explanations show it: the p95 of the pushes acknowledged over 24 h once there are 20, else the channel's configured one",
              },
            ]}
          />
          <tbody className="block xl:table-row-group">
            {shown.map(({ c, state }) => (
              <ChannelPushRow key={c.channel} c={c} state={state} now={now} canRetry={isAdmin} />
            ))}
          </tbody>
        </table>
      </div>
      {(folded > 0 || expanded) && judged.length > MAX_ROWS && (
        <div className="border-t border-slate-100 px-3 py-1.5">
          <button type="button" data-testid="outbound-more" onClick={() => setExpanded((x) => !x)} aria-expanded={expanded} className="text-xs font-medium text-slate-600 hover:text-slate-900">
            {expanded ? "Show fewer" : `+${formatInt(folded)} more${judged.slice(MAX_ROWS).every((j) => j.state === "ok" || j.state === "sending") ? " · no problems" : ""}`}
          </button>
        </div>
      )}
      {isAdmin && (
        <div className="border-t border-slate-100 px-3 py-1.5">
          <AdminHint empty={false} />
        </div>
      )}
    </Frame>
  );
}
