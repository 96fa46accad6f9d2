"use client";

import Link from "next/link";
import type { Source } from "@/components/api/types";
import { formatRate } from "@/components/format/numbers";
import { formatAbsolute, formatRelative } from "@/components/format/time";
import { Skeleton } from "@/components/ui/Skeleton";
import { useNow } from "@/hooks/use-now";
import { useSources } from "@/hooks/use-sources";
import { ERROR_RATE_LIMIT, formatPercent, HEALTH_STYLES, judgeHealth, type HealthLevel } from "./health";

/** Chips shown before the rest fold into "+N more": the strip stays one or two lines. */
const MAX_CHIPS = 6;
const RANK: Record<HealthLevel, number> = { failing: 0, quiet: 1, ok: 2 };
const MAX_SENDER_CHIPS = 4;
/** A canonical sender is quiet after 15 minutes without an accepted event, like a webhook source. */
const QUIET_MS = 15 * 60_000;

/**
 * The live stock page's one-line view of every connector source: events/min, last event, error
 * rate, signature failures; amber when quiet for 15 min, red on errors. Polled every 10 s.
 */
export function SourceHealthStrip() {
  const q = useSources();
  const now = useNow(10_000);
  const sources = q.data?.sources;
  const senders = q.data?.senders ?? [];

  if (q.isError && !sources) {
    return (
      <p className="text-xs text-slate-400" data-testid="source-health" data-state="error">
        Source health unavailable.{" "}
        <button type="button" className="underline hover:text-slate-700" onClick={() => void q.refetch()}>
          Retry
        </button>
      </p>
    );
  }
  if (!sources) {
    return (
      <div className="flex h-[26px] items-center gap-2" aria-hidden data-testid="source-health" data-state="loading">
        <Skeleton className="h-3 w-14" />
        <Skeleton className="h-5 w-48 rounded-md" />
        <Skeleton className="h-5 w-48 rounded-md" />
      </div>
    );
  }
  if (sources.length === 0 && senders.length === 0) {
    return (
      <p className="text-xs text-slate-500" data-testid="source-health" data-state="empty">
        No connector sources yet: Shopify, WooCommerce, Amazon, MercadoLibre and signed generic senders are registered under{" "}
        <Link href="/admin/sources" className="font-medium text-slate-700 underline hover:text-slate-900">
          Sources
        </Link>
        .
      </p>
    );
  }
  // Problems first, then the most recent activity (delivery or change); past MAX_CHIPS the rest fold into one "+N more" link.
  const activity = (s: Source) => Math.max(s.health.lastDeliveryAt ? Date.parse(s.health.lastDeliveryAt) : 0, Date.parse(s.updatedAt));
  const judged = sources.map((s) => ({ s, v: judgeHealth(s.health, now) })).sort((a, b) => RANK[a.v.level] - RANK[b.v.level] || activity(b.s) - activity(a.s));
  const shown = judged.slice(0, MAX_CHIPS);
  const rest = judged.slice(MAX_CHIPS);
  // Canonical senders get a budget of their own: problems first, then the busiest; the rest fold into "+N more".
  const judgedSenders = senders
    .map((s) => {
      const level: HealthLevel = s.errorRate > ERROR_RATE_LIMIT ? "failing" : !s.lastEventAt || now - Date.parse(s.lastEventAt) > QUIET_MS ? "quiet" : "ok";
      return { s, level };
    })
    .sort((a, b) => RANK[a.level] - RANK[b.level] || b.s.eventsPerMinute - a.s.eventsPerMinute);
  const shownSenders = judgedSenders.slice(0, MAX_SENDER_CHIPS);
  const hiddenSenders = judgedSenders.slice(shownSenders.length);
  const failing = judged.filter((j) => j.v.level === "failing").length;
  const quiet = judged.filter((j) => j.v.level === "quiet").length;
  return (
    <section aria-label="Connector sources" data-testid="source-health" data-state="ready" className="flex flex-wrap items-center gap-1.5 text-xs">
      <Link href="/admin/sources" className="mr-1 inline-flex items-baseline gap-1.5 font-medium text-slate-500 hover:text-slate-900" title="Connector sources: open the admin page">
        Sources
        {(failing > 0 || quiet > 0) && (
          <span className="font-normal">
            {failing > 0 && <span className="font-medium text-rose-700">{failing} failing</span>}
            {failing > 0 && quiet > 0 && " · "}
            {quiet > 0 && <span className="font-medium text-amber-800">{quiet} quiet</span>}
          </span>
        )}
      </Link>
      {shown.map(({ s, v }) => {
        const h = s.health;
        const style = HEALTH_STYLES[v.level];
        return (
          <Link
            key={s.code}
            href={`/admin/sources#source-${encodeURIComponent(s.code)}`}
            data-testid="source-chip"
            data-source={s.code}
            data-health={v.level}
            title={`${s.code} (${s.provider}): ${v.reasons.join("; ")}${h.lastEventAt ? `\nLast event ${formatAbsolute(h.lastEventAt)}` : ""}`}
            className={`inline-flex items-center gap-1.5 rounded-md border px-2 py-0.5 whitespace-nowrap text-slate-600 hover:border-slate-400 ${style.chip}`}
          >
            <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
            <span className="font-mono font-medium text-slate-900">{s.code}</span>
            <span className="tabular-nums">{formatRate(h.eventsPerMinute)}/min</span>
            <span className={`tabular-nums ${v.level === "quiet" && !h.rateLimitedSinceStart ? "font-medium text-amber-800" : ""}`}>· {h.lastEventAt ? formatRelative(h.lastEventAt, now) : "no events 24 h"}</span>
            {h.deliveriesLastHour > 0 && <span className={`tabular-nums ${h.errorRate > ERROR_RATE_LIMIT ? "font-medium text-rose-700" : ""}`}>· {formatPercent(h.errorRate)} err</span>}
            {h.signatureFailures24h > 0 && <span className="font-medium text-rose-700 tabular-nums">· {h.signatureFailures24h} sig fail</span>}
            {v.level !== "ok" && <span className={`font-semibold ${v.level === "failing" ? "text-rose-700" : "text-amber-800"}`}>{v.level === "failing" ? "Failing" : v.label}</span>}
          </Link>
        );
      })}
      {shownSenders.map(({ s, level }) => {
        const quiet = level === "quiet";
        const failing = level === "failing";
        const style = HEALTH_STYLES[level];
        return (
          <span
            key={`sender-${s.source}`}
            data-testid="sender-chip"
            data-source={s.source}
            data-health={level}
            title={`${s.source}: canonical events (POST /api/events), as seen by this server in the last hour${s.lastEventAt ? `\nLast event ${formatAbsolute(s.lastEventAt)}` : ""}`}
            className={`inline-flex items-center gap-1.5 rounded-md border border-dashed px-2 py-0.5 whitespace-nowrap text-slate-600 ${style.chip}`}
          >
            <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
            <span className="font-mono font-medium text-slate-900">{s.source}</span>
            <span className="tabular-nums">{formatRate(s.eventsPerMinute)}/min</span>
            <span className={`tabular-nums ${quiet ? "font-medium text-amber-800" : ""}`}>· {s.lastEventAt ? formatRelative(s.lastEventAt, now) : "no events 1 h"}</span>
            {s.eventsLastHour > 0 && <span className={`tabular-nums ${failing ? "font-medium text-rose-700" : ""}`}>· {formatPercent(s.errorRate)} err</span>}
          </span>
        );
      })}
      {rest.length + hiddenSenders.length > 0 && (
        <Link href="/admin/sources" data-testid="source-chip-more" className="rounded-md border border-dashed border-slate-300 px-2 py-0.5 whitespace-nowrap text-slate-600 hover:border-slate-400 hover:text-slate-900">
          +{rest.length + hiddenSenders.length} more{rest.every((j) => j.v.level === "ok") && hiddenSenders.every((x) => x.level === "ok") ? " · all OK" : ""}
        </Link>
      )}
    </section>
  );
}
