"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import Link from "next/link";
import { useState } from "react";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { ExportCsvLink } from "@/components/ui/ExportCsvLink";
import { LoadingRegion, Skeleton, SkeletonCards, SkeletonRows } from "@/components/ui/Skeleton";
import { preparingOf, useScorecard, scorecardUrl, type ScorecardPreparing } from "@/hooks/use-scorecard";
import { useScorecardRevision } from "@/hooks/use-scorecard-revision";
import { oversellsUrl } from "@/hooks/use-oversells";
import { OVERSELL_CAUSES } from "@/lib/contracts/oversells";
import { lastCompleteWeek, parseIsoWeek } from "@/lib/time/iso-week";
import type { FigureKey, Scorecard, ScorecardFigure } from "@/lib/contracts/scorecard";
import { CoverChart, StockoutChart } from "./ScorecardCharts";
import { KpiTile } from "./KpiTile";
import { WeekPicker } from "./WeekPicker";
import { causeLabel, CAUSE_TONES, channelsOf, formatDay, formatFigure, hasData, pick } from "./scorecard-format";
import { TableHead } from "@/components/ui/DataTable";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

/** The name of each figure the page shows: in full on its tile, `short` in the channel table's header where the full one is too wide. */
const FIGURE_NAMES = {
  units_sold: { label: "Units sold" },
  oversell_rate: { label: "Oversell rate" },
  promise_accuracy: { label: "Promise accuracy", short: "Promise acc." },
  allocation_accuracy: { label: "Allocation accuracy", short: "Allocation acc." },
  stockout_hours: { label: "Stockout hours (top 20)" },
  reconciliation_rate: { label: "Reconciliation rate" },
  ingest_lag_p95_ms: { label: "Ingest lag p95" },
  e2e_lag_p50_ms: { label: "End-to-end lag p50", short: "E2E lag p50" },
  e2e_lag_p95_ms: { label: "End-to-end lag p95", short: "E2E lag p95" },
} satisfies Partial<Record<FigureKey, { label: string; short?: string }>>;
type NamedFigure = keyof typeof FIGURE_NAMES;
const shortName = (k: NamedFigure) => {
  const n: { label: string; short?: string } = FIGURE_NAMES[k];
  return n.short ?? n.label;
};

/** The headline tiles, in order (then Oversells, which the API gives per cause). */
const TILES: NamedFigure[] = ["units_sold", "oversell_rate", "promise_accuracy", "allocation_accuracy", "stockout_hours", "reconciliation_rate", "ingest_lag_p95_ms", "e2e_lag_p95_ms"];

/** The per-channel table's columns (the figures the API gives per channel). */
const CHANNEL_COLUMNS: NamedFigure[] = ["units_sold", "oversell_rate", "promise_accuracy", "allocation_accuracy", "e2e_lag_p50_ms", "e2e_lag_p95_ms"];

const card = "min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-xs print:break-inside-avoid print:rounded print:p-1.5 print:shadow-none";
const btn = "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

/** Oversells of every cause, added up, as one figure (the API gives them per cause only). */
function oversellTotal(s: Scorecard, channel: string | null): ScorecardFigure | undefined {
  const parts = s.figures.filter((f) => f.key === "oversells" && f.channel === channel && f.reason !== undefined);
  if (parts.length === 0) return undefined;
  const sum = (vs: (number | null)[]) => (vs.every((v) => v === null) ? null : vs.reduce<number>((a, v) => a + (v ?? 0), 0));
  return {
    key: "oversells",
    channel,
    value: sum(parts.map((p) => p.value)),
    trend: parts[0].trend.map((t, i) => ({ week: t.week, value: sum(parts.map((p) => p.trend[i]?.value ?? null)) })),
  };
}

/** `/scorecard?week=`: the manager's weekly figures (docs/SCORECARD.md#figures), per channel and in total, with 12 weeks of trend. */
export function ScorecardPage({ initialWeek }: { initialWeek: string | null }) {
  const [week, setWeek] = useState<string | null>(initialWeek);
  useParamsInUrl({ week });
  const q = useScorecard(week);
  const shown = q.data?.week ?? week;
  const revision = useScorecardRevision(shown);
  const latest = lastCompleteWeek(Date.now(), q.data?.timezone ?? "UTC");

  const preparing = q.data ? null : preparingOf(q.failureReason ?? q.error);
  let body: React.ReactNode;
  if (preparing) body = <ScorecardPreparingNote progress={preparing} />;
  else if (q.isError && !q.data) body = <ErrorPanel title="Couldn't load the scorecard" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (!q.data) body = <ScorecardLoading />;
  else body = <ScorecardBody s={q.data} stale={q.isPlaceholderData} />;

  const revisedAt = revision.data?.revisedAt ?? null;
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4 print:max-w-none print:p-0" data-testid="scorecard-page">
      {/* The print view is one A4 portrait page; narrow margins leave the charts room. */}
      <style>{"@page { size: A4 portrait; margin: 9mm; }"}</style>
      <PageHeader
        title={<>Weekly scorecard{shown ? <span className="font-normal text-slate-500"> · {shown}</span> : null}</>}
        description={
          <>
            {q.data
              ? `${formatDay(q.data.from, q.data.timezone)} – ${formatDay(new Date(Date.parse(q.data.to) - 1).toISOString(), q.data.timezone)} (${q.data.timezone}), from the ledger: any week recomputes the same.`
              : "Every figure per channel and in total, from the ledger, with the 11 weeks before."}
            {revisedAt && (
              <span
                data-testid="revised-badge"
                title="Late events arrived after this week closed and changed its numbers."
                className="ml-2 inline-flex rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 print:text-[8px]"
              >
                Revised {new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(revisedAt))}
              </span>
            )}
          </>
        }
        stacked
        descriptionTestId="scorecard-range"
      >
        {shown && parseIsoWeek(shown) && <WeekPicker week={shown} latest={latest < shown ? shown : latest} onChange={setWeek} />}
        <ExportCsvLink testId="scorecard-export" href={scorecardUrl(shown, "csv")} download={`scorecard-${shown ?? "last"}.csv`} />
        <button type="button" data-testid="scorecard-print" onClick={() => window.print()} className={btn}>
          <span aria-hidden>⎙</span> Print
        </button>
      </PageHeader>
      <div className="mt-4 print:mt-1">{body}</div>
    </main>
  );
}

function ScorecardBody({ s, stale }: { s: Scorecard; stale: boolean }) {
  const empty = !hasData(s);
  const oversells = oversellTotal(s, null);
  return (
    <div className={`space-y-4 transition-opacity print:space-y-1.5 ${stale ? "opacity-60" : ""}`} aria-busy={stale} data-testid="scorecard-body" data-week={s.week}>
      {empty && (
        <p data-testid="scorecard-empty" className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
          <strong className="font-semibold text-slate-900">Nothing happened in {s.week}.</strong> No orders, counts or pushes fall in this week, so the rates have no denominator and show “—”. Pick
          another week, or check that the connectors were sending.
        </p>
      )}
      <section aria-label="Headline figures" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5 print:grid-cols-5 print:gap-1">
        {TILES.map((k) => (
          <KpiTile key={k} label={FIGURE_NAMES[k].label} figure={pick(s, { key: k })} week={s.week} />
        ))}
        <KpiTile
          label="Oversells"
          figure={oversells}
          week={s.week}
          href={oversellsUrl({ week: s.week, channel: null, cause: null }, "/oversells")}
          hint="Opens every oversold line of the week with its cause"
        />
      </section>
      <ChannelTable s={s} />
      <div className="grid gap-3 lg:grid-cols-2 xl:grid-cols-3 print:grid-cols-3 print:gap-1">
        <StockoutChart s={s} />
        <CoverChart s={s} />
        <div className="grid gap-3 print:gap-1">
          <OversellCauses s={s} />
          <CancellationReasons s={s} />
        </div>
      </div>
    </div>
  );
}

/** Rows = channels (and all channels), columns = the figures the API gives per channel; scrolls inside its card on narrow screens. */
function ChannelTable({ s }: { s: Scorecard }) {
  const channels = channelsOf(s);
  const rows: (string | null)[] = [...channels, null];
  return (
    <section aria-labelledby="channels-title" className={card}>
      <h2 id="channels-title" className="mb-2 text-sm font-semibold text-slate-900 print:mb-0.5 print:text-[10px]">
        By channel
      </h2>
      <div className="overflow-x-auto print:overflow-visible">
        <table className="w-full min-w-[640px] text-sm print:min-w-0 print:text-[9px]" data-testid="channel-table">
          <TableHead
            className="text-xs text-slate-500 print:text-[8px] [&_th]:border-b [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1.5 [&_th]:font-medium print:[&_th]:py-0.5"
            columns={["Channel", ...CHANNEL_COLUMNS.map((k) => ({ label: shortName(k), className: "text-right whitespace-nowrap" })), { label: "Oversells", className: "text-right" }]}
          />
          <tbody>
            {rows.map((ch) => {
              const total = oversellTotal(s, ch);
              return (
                <tr
                  key={ch ?? "all"}
                  data-testid="channel-row"
                  data-channel={ch ?? "all"}
                  className={`border-b border-slate-100 last:border-0 [&>td]:px-2 [&>td]:py-1.5 print:[&>td]:py-0.5 ${ch === null ? "bg-slate-50 font-semibold" : ""}`}
                >
                  <th scope="row" className="px-2 text-left font-medium whitespace-nowrap text-slate-900">
                    {ch ?? "All channels"}
                  </th>
                  {CHANNEL_COLUMNS.map((k) => {
                    const f = pick(s, { key: k, channel: ch });
                    return (
                      <td key={k} className="text-right tabular-nums whitespace-nowrap text-slate-800">
                        {f ? formatFigure(k, f.value) : <span className="text-slate-400">—</span>}
                      </td>
                    );
                  })}
                  <td className="text-right tabular-nums text-slate-800">
                    {total && total.value !== null ? (
                      <Link href={oversellsUrl({ week: s.week, channel: ch, cause: null }, "/oversells")} prefetch={false} className="hover:underline">
                        {formatFigure("oversells", total.value)}
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Oversold cancellations of the week by root cause (§6.4), each opening the lines of that cause. */
function OversellCauses({ s }: { s: Scorecard }) {
  const rows = OVERSELL_CAUSES.map((cause) => ({ cause, value: pick(s, { key: "oversells", reason: cause })?.value ?? null }));
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  return (
    <section aria-labelledby="causes-title" className={card} data-testid="oversell-causes">
      <h2 id="causes-title" className="text-sm font-semibold text-slate-900 print:text-[10px]">
        Oversells by cause
      </h2>
      <ul className="mt-2 space-y-1.5 print:mt-0.5 print:space-y-0">
        {rows.map((r) => (
          <li key={r.cause}>
            <Link
              href={oversellsUrl({ week: s.week, channel: null, cause: r.cause }, "/oversells")}
              prefetch={false}
              data-testid={`cause-${r.cause}`}
              className="grid grid-cols-[8.5rem_1fr_2.5rem] items-center gap-2 rounded px-1 text-sm hover:bg-slate-50 print:text-[9px]"
            >
              <span className={`truncate rounded-full px-2 py-0.5 text-xs font-medium ring-1 print:text-[8px] ${CAUSE_TONES[r.cause]}`}>{causeLabel(r.cause)}</span>
              <span className="h-2 rounded bg-slate-100">
                <span className="block h-2 rounded bg-rose-400" style={{ width: `${((r.value ?? 0) / max) * 100}%` }} />
              </span>
              <span className="text-right tabular-nums text-slate-900">{r.value === null ? "—" : r.value}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Cancellations of the week by reason, as a share of units ordered. */
function CancellationReasons({ s }: { s: Scorecard }) {
  const rows = s.figures
    .filter((f) => f.key === "cancellation_rate" && f.channel === null && f.reason !== undefined)
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.reason!.localeCompare(b.reason!));
  return (
    <section aria-labelledby="reasons-title" className={card} data-testid="cancellation-reasons">
      <h2 id="reasons-title" className="text-sm font-semibold text-slate-900 print:text-[10px]">
        Cancellations by reason
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No cancellations this week.</p>
      ) : (
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 text-sm print:mt-0.5 print:gap-y-0 print:text-[9px]">
          {rows.map((f) => (
            <div key={f.reason} className="contents">
              <dt className="truncate text-slate-600">{causeLabel(f.reason!)}</dt>
              <dd className="text-right tabular-nums text-slate-900">{formatFigure("cancellation_rate", f.value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The server is still preparing the per-SKU weeks (a fresh start, an upgrade, a week that just closed): progress, and the query retries by itself. */
function ScorecardPreparingNote({ progress }: { progress: ScorecardPreparing }) {
  const pct = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <div data-testid="scorecard-preparing" aria-busy="true" className="space-y-4">
      <div role="status" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-xs">
        <p className="font-medium text-slate-900">
          Preparing the scorecard… {progress.step === "oversells" ? "step 2 of 2, oversold lines " : ""}({progress.done.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} SKUs)
        </p>
        <p className="mt-0.5 text-slate-600">
          {progress.step === "oversells"
            ? "Each oversold order line is being traced once to what the channel was showing when it was sold."
            : "Each SKU's history is being replayed once into its weekly figures."}{" "}
          This page shows them as soon as they are ready.
        </p>
        <div className="mt-2 h-1.5 w-full max-w-md rounded bg-slate-100" aria-hidden>
          <div className="h-1.5 rounded bg-sky-500 transition-[width]" style={{ width: `${pct}%` }} />
        </div>
      </div>
    </div>
  );
}

function ScorecardLoading() {
  return (
    <LoadingRegion testId="scorecard-loading" label="Loading the scorecard…" className="space-y-4">
      <SkeletonCards count={9} className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" bars={["h-3 w-24", "mt-2 h-6 w-16", "mt-2 h-8 w-full"]} />
      <SkeletonRows rows={5} />
      <div className="grid gap-3 lg:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-48 w-full" />
        ))}
      </div>
    </LoadingRegion>
  );
}
