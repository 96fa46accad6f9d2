"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import Link from "next/link";
import { SkuCodeLink } from "@/components/sku/SkuCodeLink";
import { useState } from "react";
import { formatDuration, formatInt } from "@/client/format/numbers";
import { CAUSE_EXPLANATIONS, CAUSE_TONES, causeLabel, formatDayTime } from "@/components/scorecard/scorecard-format";
import { WeekPicker } from "@/components/scorecard/WeekPicker";
import { CARD_ROW, DataTable, NumberCell } from "@/components/ui/DataTable";
import { ErrorPanel } from "@/components/ui/ErrorPanel";
import { LoadingRegion, SkeletonRows } from "@/components/ui/Skeleton";
import { useCatalog } from "@/hooks/use-catalog";
import { useOversells, type OversellFilters } from "@/hooks/use-oversells";
import { OVERSELL_CAUSES, type OversellLine } from "@/lib/contracts/oversells";
import { lastCompleteWeek, parseIsoWeek } from "@/lib/time/iso-week";
import { useParamsInUrl } from "@/hooks/use-params-in-url";

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

/** In the scorecard's zone (ONEPOOL_TIMEZONE, as the API answers it), not the browser's: a manager abroad sees the Monday meeting's times. */
function Time({ iso, timeZone }: { iso: string; timeZone: string }) {
  return (
    <time dateTime={iso} title={`${iso} (UTC)`} className="whitespace-nowrap">
      {formatDayTime(iso, timeZone)}
    </time>
  );
}

/** A filter in the header: "All" (null) or one of `options`. */
function FilterSelect(p: { label: string; testId: string; value: string | null; options: readonly string[]; optionLabel?: (option: string) => string; onChange(value: string | null): void }) {
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600">
      {p.label}
      <select data-testid={p.testId} value={p.value ?? ""} onChange={(e) => p.onChange(e.target.value || null)} className={select}>
        <option value="">All</option>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {p.optionLabel ? p.optionLabel(o) : o}
          </option>
        ))}
      </select>
    </label>
  );
}

const num = (n: number | null) => (n === null ? <span className="text-slate-400">—</span> : formatInt(n));

export function CausePill({ cause }: { cause: string }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${CAUSE_TONES[cause] ?? CAUSE_TONES.unexplained}`}>{causeLabel(cause)}</span>;
}

/** `/oversells?week=&channel=&cause=`: every oversold order line of a week and why it happened (docs/OVERSELLS.md). */
export function OversellsPage({ initial }: { initial: OversellFilters }) {
  const [f, setF] = useState<OversellFilters>(initial);
  useParamsInUrl({ week: f.week, channel: f.channel, cause: f.cause });
  const q = useOversells(f);
  const catalog = useCatalog();
  const shown = q.data?.week ?? f.week;
  const channels = [
    ...new Set([...(catalog.data?.channels.map((c) => c.code) ?? []), ...(q.data?.oversells.map((o) => o.channel).filter((c): c is string => c !== null) ?? []), ...(f.channel ? [f.channel] : [])]),
  ].sort();
  const latest = lastCompleteWeek(Date.now(), q.data?.timezone ?? "UTC");

  let body: React.ReactNode;
  if (q.isError && !q.data) body = <ErrorPanel title="Couldn't load the oversells" error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />;
  else if (!q.data) body = <OversellsLoading />;
  else if (q.data.oversells.length === 0) body = <OversellsEmpty week={q.data.week} filtered={f.channel !== null || f.cause !== null} />;
  else body = <OversellList lines={q.data.oversells} timeZone={q.data.timezone} stale={q.isPlaceholderData} />;

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="oversells-page">
      <PageHeader
        title={<>Oversells{shown ? <span className="font-normal text-slate-500"> · {shown}</span> : null}</>}
        description={
          <>
            Each order line cancelled as oversold this week, with what was published, what the channel showed and the stock as Onepool knew it and as it really was when it was placed.
            {q.data ? <span data-testid="oversells-timezone"> Times in {q.data.timezone}.</span> : null}{" "}
            <Link href={shown ? `/scorecard?week=${shown}` : "/scorecard"} className="font-medium text-emerald-700 hover:underline">
              Scorecard
            </Link>
          </>
        }
        stacked
      >
        {shown && parseIsoWeek(shown) && <WeekPicker week={shown} latest={latest < shown ? shown : latest} onChange={(week) => setF({ ...f, week })} />}
        <FilterSelect label="Channel" testId="oversells-channel" value={f.channel} options={channels} onChange={(channel) => setF({ ...f, channel })} />
        <FilterSelect label="Cause" testId="oversells-cause" value={f.cause} options={OVERSELL_CAUSES} optionLabel={causeLabel} onChange={(cause) => setF({ ...f, cause })} />
      </PageHeader>
      {f.cause && (
        <p className="mt-2 text-sm text-slate-600" data-testid="cause-explanation">
          <CausePill cause={f.cause} /> {CAUSE_EXPLANATIONS[f.cause]}
        </p>
      )}
      <div className="mt-4">{body}</div>
    </main>
  );
}

/** A table from 1024 px; below, a card per line (nothing scrolls sideways on a tablet or phone). */
function OversellList({ lines, timeZone, stale }: { lines: OversellLine[]; timeZone: string; stale: boolean }) {
  return (
    <DataTable
      layout="static"
      responsive="lg"
      stale={stale}
      testId="oversells-table"
      caption="Oversold order lines, with the numbers just before each was placed and the cause"
      columns={[
        {
          label: (
            <>
              Placed · cancelled <span className="font-normal text-slate-400">({timeZone})</span>
            </>
          ),
          title: `Local time in ${timeZone}`,
        },
        "Channel",
        "SKU",
        { label: "Qty", className: "text-right" },
        { label: "Published", className: "text-right", title: "What Onepool had published to the channel just before the order" },
        { label: "Channel showed", className: "text-right", title: "What the channel had last acknowledged just before the order" },
        { label: "Available known / real", className: "text-right", title: "Available real as Onepool knew it then, and as it really was (events that arrived later included)" },
        { label: "Ingest lag", className: "text-right" },
        "Cause",
      ]}
      rows={lines}
      rowKey={(o) => `${o.orderId}|${o.sku}`}
      row={(o) => (
        <tr data-testid="oversell-row" data-cause={o.cause} className={`${CARD_ROW} align-top`}>
          <td className="text-xs text-slate-700 max-lg:col-span-2">
            <Time iso={o.placedAt} timeZone={timeZone} /> <span className="text-slate-400">→</span> <Time iso={o.cancelledAt} timeZone={timeZone} />
            <div className="font-mono text-[11px] break-all text-slate-400">{o.orderId}</div>
          </td>
          <td className="text-slate-800 max-lg:text-xs">{o.channel ?? <span className="text-slate-400">—</span>}</td>
          <td className="min-w-0 max-lg:text-xs">
            <SkuCodeLink code={o.sku} />
          </td>
          <NumberCell label="Qty">{formatInt(o.quantity)}</NumberCell>
          <NumberCell label="Published">{num(o.published)}</NumberCell>
          <td className={`tabular-nums lg:text-right max-lg:text-xs ${o.acknowledged !== null && o.published !== null && o.acknowledged > o.published ? "font-semibold text-violet-700" : ""}`}>
            <span className="font-normal text-slate-500 lg:hidden">Channel showed </span>
            {num(o.acknowledged)}
          </td>
          <NumberCell label="Available known / real">
            {/* One unit: on a phone's card the pair wrapped after the slash. */}
            <span className="whitespace-nowrap">
              {formatInt(o.availableKnown)} <span className="text-slate-400">/</span>{" "}
              <span className={o.availableReal < o.availableKnown ? "font-semibold text-amber-700" : ""}>{formatInt(o.availableReal)}</span>
            </span>
          </NumberCell>
          <NumberCell label="Ingest lag">{formatDuration(o.ingestLagMs)}</NumberCell>
          <td className="max-lg:col-span-2 lg:max-w-64">
            <CausePill cause={o.cause} />
            <p className="mt-0.5 text-xs text-slate-500">{CAUSE_EXPLANATIONS[o.cause]}</p>
          </td>
        </tr>
      )}
    />
  );
}

function OversellsLoading() {
  return (
    <LoadingRegion testId="oversells-loading" label="Loading the oversells…">
      <SkeletonRows rows={8} rowClassName="h-4" />
    </LoadingRegion>
  );
}

function OversellsEmpty({ week, filtered }: { week: string; filtered: boolean }) {
  return (
    <div data-testid="oversells-empty" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">{filtered ? `No oversells match these filters in ${week}` : `No oversells in ${week}`}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        An oversell is an order line a channel cancelled with reason “oversold”. {filtered ? "Clear a filter to see the others." : "None was cancelled that way this week."}
      </p>
    </div>
  );
}
