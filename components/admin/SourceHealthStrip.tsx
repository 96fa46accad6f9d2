"use client";

import Link from "next/link";
import { type ReactNode, useState } from "react";
import type { SenderHealth, Source } from "@/client/api/types";
import { formatRate } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { SkeletonStrip } from "@/components/ui/Skeleton";
import { useNow } from "@/hooks/use-now";
import { useSources } from "@/hooks/use-sources";
import { ERROR_RATE_LIMIT, formatPercent, HEALTH_RANK, HEALTH_STYLES, isProblem, judgeHealth, judgeSender, type HealthVerdict } from "./health";
import { providerShort } from "./providers";
import { senderAnchor, sourceAnchor } from "./source-anchors";
import { UnavailableNote } from "@/components/ui/UnavailableNote";

/** Chips shown before the rest fold into "+N more": the strip stays one or two lines. */
const MAX_CHIPS = 6;
const MAX_SENDER_CHIPS = 4;

type Chip = { kind: "source"; s: Source; v: HealthVerdict } | { kind: "sender"; s: SenderHealth; v: HealthVerdict };

/**
 * The live stock page's one-line view of every connector source and canonical sender: events/min,
 * last event, error rate, signature failures; amber when quiet for 15 min, red on errors, neutral
 * while a new source waits for its first event. Every chip opens that source on /admin/sources;
 * "+N more" unfolds the rest here. Polled every 10 s.
 */
export function SourceHealthStrip() {
  const q = useSources();
  const now = useNow(10_000);
  const [expanded, setExpanded] = useState(false);
  const sources = q.data?.sources;
  const senders = q.data?.senders ?? [];

  if (q.isError && !sources) {
    return <UnavailableNote what="Source health" className="text-xs text-slate-400" data-testid="source-health" data-state="error" onRetry={() => void q.refetch()} />;
  }
  if (!sources) {
    return <SkeletonStrip testId="source-health" bars={["h-3 w-14", "h-5 w-48 rounded-md", "h-5 w-48 rounded-md"]} />;
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
  // Problems first, then the most recent activity (delivery or change); past MAX_CHIPS the rest fold into "+N more".
  const activity = (s: Source) => Math.max(s.health.lastDeliveryAt ? Date.parse(s.health.lastDeliveryAt) : 0, Date.parse(s.updatedAt));
  const judged: Chip[] = sources
    .map((s) => ({ kind: "source" as const, s, v: judgeHealth(s.health, s.createdAt, now) }))
    .sort((a, b) => HEALTH_RANK[a.v.level] - HEALTH_RANK[b.v.level] || activity(b.s) - activity(a.s));
  // Canonical senders get a budget of their own: problems first, then the busiest.
  const judgedSenders: Chip[] = senders
    .map((s) => ({ kind: "sender" as const, s, v: judgeSender(s, now) }))
    .sort((a, b) => HEALTH_RANK[a.v.level] - HEALTH_RANK[b.v.level] || b.s.eventsPerMinute - a.s.eventsPerMinute);
  const folded = [...judged.slice(MAX_CHIPS), ...judgedSenders.slice(MAX_SENDER_CHIPS)];
  const shown = expanded ? [...judged, ...judgedSenders] : [...judged.slice(0, MAX_CHIPS), ...judgedSenders.slice(0, MAX_SENDER_CHIPS)];
  const all = [...judged, ...judgedSenders];
  const failing = all.filter((c) => c.v.level === "failing").length;
  const quiet = all.filter((c) => c.v.level === "quiet").length;
  const foldedNote = folded.every((c) => c.v.level === "ok") ? " · all OK" : folded.every((c) => !isProblem(c.v.level)) ? " · no problems" : "";
  return (
    <section aria-label="Connector sources" data-testid="source-health" data-state="ready" className="flex flex-wrap items-center gap-1.5 text-xs">
      <Link href="/admin/sources" className="mr-1 inline-flex items-baseline gap-1.5 font-medium text-slate-500 hover:text-slate-900" title="Connector sources: open the Sources page">
        Sources
        {(failing > 0 || quiet > 0) && (
          <span className="font-normal" data-testid="source-health-problems">
            {failing > 0 && <span className="font-medium text-rose-700">{failing} failing</span>}
            {failing > 0 && quiet > 0 && " · "}
            {quiet > 0 && <span className="font-medium text-amber-800">{quiet} quiet</span>}
          </span>
        )}
      </Link>
      {shown.map((c) => (c.kind === "source" ? <SourceChip key={`source-${c.s.code}`} s={c.s} v={c.v} now={now} /> : <SenderChip key={`sender-${c.s.source}`} s={c.s} v={c.v} now={now} />))}
      {folded.length > 0 && (
        <button
          type="button"
          data-testid="source-chip-more"
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
          className="rounded-md border border-dashed border-slate-300 px-2 py-0.5 whitespace-nowrap text-slate-600 hover:border-slate-400 hover:text-slate-900"
        >
          {expanded ? "Show fewer" : `+${folded.length} more${foldedNote}`}
        </button>
      )}
    </section>
  );
}

// A chip wraps between its figures (each stays whole) rather than widen a phone's page: a long source
// code with several problems is wider than 390 px.
const chipCls =
  "inline-flex max-w-full flex-wrap items-center gap-x-1.5 rounded-md border px-2 py-0.5 text-slate-600 hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-sky-500 [&>span]:whitespace-nowrap";

/**
 * One source's chip: its health's colour and dot, its name, then its figures (`children`); it opens the
 * source's card. A sender (canonical events, not a registered source) has a dashed border.
 */
function HealthChip(p: { of: "source" | "sender"; name: string; level: HealthVerdict["level"]; title: string; children: ReactNode }) {
  const style = HEALTH_STYLES[p.level];
  const anchor = p.of === "source" ? sourceAnchor(p.name) : senderAnchor(p.name);
  return (
    <Link
      href={`/admin/sources#${encodeURIComponent(anchor)}`}
      data-testid={`${p.of}-chip`}
      data-source={p.name}
      data-health={p.level}
      title={p.title}
      className={`${chipCls} ${p.of === "sender" ? "border-dashed " : ""}${style.chip}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
      <span className="min-w-0 font-mono font-medium [overflow-wrap:anywhere] whitespace-normal! text-slate-900">{p.name}</span>
      {p.children}
    </Link>
  );
}

function SourceChip({ s, v, now }: { s: Source; v: HealthVerdict; now: number }) {
  const h = s.health;
  return (
    <HealthChip
      of="source"
      name={s.code}
      level={v.level}
      title={`${s.code} (${providerShort(s.provider)}): ${v.reasons.join("; ")}${h.lastEventAt ? `\nLast event ${formatAbsolute(h.lastEventAt)}` : ""}`}
    >
      {v.level === "waiting" ? (
        <span className="text-slate-500">waiting for first event</span>
      ) : (
        <>
          <span className="tabular-nums">{formatRate(h.eventsPerMinute)}/min</span>
          <span className={`tabular-nums ${v.level === "quiet" && !h.rateLimitedSinceStart ? "font-medium text-amber-800" : ""}`}>
            · {h.lastEventAt ? formatRelative(h.lastEventAt, now) : "no events 24 h"}
          </span>
        </>
      )}
      {h.deliveriesLastHour > 0 && <span className={`tabular-nums ${h.errorRate > ERROR_RATE_LIMIT ? "font-medium text-rose-700" : ""}`}>· {formatPercent(h.errorRate)} err</span>}
      {h.signatureFailures24h > 0 && <span className="font-medium text-rose-700 tabular-nums">· {h.signatureFailures24h} sig fail</span>}
      {isProblem(v.level) && <span className={`font-semibold ${v.level === "failing" ? "text-rose-700" : "text-amber-800"}`}>{v.level === "failing" ? "Failing" : v.label}</span>}
    </HealthChip>
  );
}

function SenderChip({ s, v, now }: { s: SenderHealth; v: HealthVerdict; now: number }) {
  return (
    <HealthChip
      of="sender"
      name={s.source}
      level={v.level}
      title={`${s.source}: canonical events (POST /api/events) seen by this server in the last hour; ${v.reasons.join("; ")}${s.lastEventAt ? `\nLast event ${formatAbsolute(s.lastEventAt)}` : ""}`}
    >
      <span className="tabular-nums">{formatRate(s.eventsPerMinute)}/min</span>
      <span className={`tabular-nums ${v.level === "quiet" ? "font-medium text-amber-800" : ""}`}>
        · {s.lastEventAt ? formatRelative(s.lastEventAt, now) : s.rejectedLastHour > 0 ? "all rejected" : "no events 1 h"}
      </span>
      {s.eventsLastHour > 0 && <span className={`tabular-nums ${v.level === "failing" ? "font-medium text-rose-700" : ""}`}>· {formatPercent(s.errorRate)} err</span>}
      {v.level === "failing" && <span className="font-semibold text-rose-700">Failing</span>}
    </HealthChip>
  );
}
