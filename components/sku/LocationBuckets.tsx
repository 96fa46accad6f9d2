"use client";

import { TableCard } from "@/components/ui/TableCard";
import { useState } from "react";
import type { LocationLevel } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatInt } from "@/client/format/numbers";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { FlashCell } from "@/components/ui/FlashCell";
import { useHydrated } from "@/hooks/use-hydrated";
import { useNow } from "@/hooks/use-now";
import type { CountOutcome } from "./count-outcome";
import { CountButton } from "./CountButton";
import { CountToast } from "./CountToast";

const BUCKETS = [
  { key: "onHand", label: "On hand", hint: "Units physically at the location" },
  { key: "committed", label: "Committed", hint: "Promised to placed orders, not shipped" },
  { key: "reserved", label: "Reserved", hint: "Held by live checkout reservations" },
  { key: "damaged", label: "Damaged", hint: "Present but not sellable" },
  { key: "qualityControl", label: "QC", hint: "Returns and receipts awaiting inspection" },
  { key: "safetyStock", label: "Safety", hint: "Never sold from this location" },
  { key: "available", label: "Available", hint: "On hand − committed − reserved − damaged − QC − safety" },
  { key: "incoming", label: "Incoming", hint: "Open POs, ASNs and transfers in transit" },
] as const;
type Bucket = (typeof BUCKETS)[number]["key"];

// A table from xl up; below, one card per location (its buckets as a labelled grid, Count on the
// card's first line), so Count and every bucket stay on screen without scrolling sideways.
const num = "px-3 py-1.5 text-right tabular-nums max-xl:p-0 max-xl:text-left";
const row = "max-xl:grid max-xl:grid-cols-[repeat(auto-fill,minmax(4.5rem,1fr))] max-xl:gap-x-3 max-xl:gap-y-2 max-xl:px-3 max-xl:py-2.5";
const label =
  "max-xl:before:mb-0.5 max-xl:before:block max-xl:before:text-[11px] max-xl:before:leading-4 max-xl:before:font-normal max-xl:before:text-slate-500 max-xl:before:content-[attr(data-label)]";
const headCell = "max-xl:col-[1/-2] max-xl:row-start-1 max-xl:self-center max-xl:p-0 max-xl:whitespace-normal";
const actionCell = "max-xl:col-[-2/-1] max-xl:row-start-1 max-xl:justify-self-end max-xl:p-0";

function AvailableValue({ n }: { n: number }) {
  if (n >= 0) return <>{formatInt(n)}</>;
  return (
    <span className="inline-flex items-center gap-1 font-semibold text-rose-700" title="Oversold here: counted as 0 in available real, so it never eats another location's stock">
      <svg aria-hidden viewBox="0 0 16 16" className="size-3.5">
        <path
          fill="currentColor"
          d="M8 1.5a1 1 0 0 1 .87.5l6 10.5A1 1 0 0 1 14 14H2a1 1 0 0 1-.87-1.5l6-10.5A1 1 0 0 1 8 1.5Zm0 4a.75.75 0 0 0-.75.75v3a.75.75 0 0 0 1.5 0v-3A.75.75 0 0 0 8 5.5Zm0 6.75a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z"
        />
      </svg>
      {formatInt(n)}
      <span className="sr-only"> (negative)</span>
    </span>
  );
}

/** Every bucket at every location, with totals; sellable locations first. */
export function LocationBuckets({ code, locations, availableReal }: { code: string; locations: LocationLevel[]; availableReal: number }) {
  const now = useNow(30_000);
  // Relative times depend on the clock: only once hydrated (the page is server-rendered).
  const hydrated = useHydrated();
  // Cycle counts: a Count button per location for roles that may enter them; the toast confirms.
  const canCount = useCan("counts.write");
  const [counted, setCounted] = useState<CountOutcome | null>(null);
  const total = (k: Bucket) => locations.reduce((s, l) => s + l[k], 0);
  return (
    <section aria-labelledby="buckets-title">
      <h2 id="buckets-title" className="mb-2 text-sm font-semibold text-slate-900">
        Buckets per location
      </h2>
      <TableCard
        responsive="xl"
        testId="location-buckets"
        columns={[
          "Location",
          ...BUCKETS.map((b) => ({ label: b.label, className: "text-right whitespace-nowrap", title: b.hint })),
          { label: "Last event", className: "text-right whitespace-nowrap" },
          canCount && { label: "Actions", hidden: true },
        ]}
      >
        <tbody className="max-xl:block">
          {locations.map((l) => (
            <tr
              key={l.code}
              data-location={l.code}
              className={`even:bg-slate-50/50 [&>*]:border-b [&>*]:border-slate-100 max-xl:border-b max-xl:border-slate-200 max-xl:[&>*]:border-b-0 ${row} ${l.sellable ? "" : "text-slate-500"}`}
            >
              <th scope="row" className={`px-3 py-1.5 text-left font-normal whitespace-nowrap ${headCell}`}>
                <span className={`font-medium ${l.sellable ? "text-slate-900" : "text-slate-500"}`}>{l.code}</span>
                <span className="ml-2 text-xs text-slate-500">{l.name}</span>
                <span className="ml-2 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-500">{l.type}</span>
                {!l.sellable && <span className="ml-1 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-500 italic">not sellable</span>}
              </th>
              {BUCKETS.map((b) => (
                <FlashCell
                  key={b.key}
                  value={l[b.key]}
                  data-bucket={b.key}
                  data-label={b.label}
                  className={`${num} ${label} ${b.key === "available" ? (l[b.key] < 0 ? "bg-rose-50" : "font-semibold text-slate-900") : ""} ${l[b.key] === 0 && b.key !== "available" ? "text-slate-300" : ""}`}
                >
                  {b.key === "available" ? <AvailableValue n={l.available} /> : formatInt(l[b.key])}
                </FlashCell>
              ))}
              <td data-label="Last event" className={`px-3 py-1.5 text-right text-xs whitespace-nowrap text-slate-500 max-md:col-span-2 max-xl:p-0 max-xl:text-left ${label}`}>
                {l.lastEventAt
                  ? hydrated && (
                      <time dateTime={l.lastEventAt} title={formatAbsolute(l.lastEventAt)}>
                        {formatRelative(l.lastEventAt, now)}
                      </time>
                    )
                  : "never"}
              </td>
              {canCount && (
                <td className={`px-3 py-1 text-right ${actionCell}`}>
                  <CountButton code={code} location={l} onRecorded={setCounted} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot className="max-xl:block">
          <tr className={`bg-slate-50 font-semibold [&>*]:border-t [&>*]:border-slate-200 max-xl:[&>*]:border-t-0 ${row}`}>
            <th scope="row" className="px-3 py-2 text-left max-xl:col-span-full max-xl:p-0">
              Total
            </th>
            {BUCKETS.map((b) => (
              <td key={b.key} data-total={b.key} data-label={b.label} className={`${num} ${label} py-2`}>
                {formatInt(total(b.key))}
              </td>
            ))}
            <td className="max-xl:hidden" />
            {canCount && <td className="max-xl:hidden" />}
          </tr>
        </tfoot>
      </TableCard>
      <p className="mt-1.5 text-xs text-slate-500">
        Available real = Σ over sellable locations of max(0, available) = <strong className="font-semibold text-slate-700 tabular-nums">{formatInt(availableReal)}</strong>. A negative location counts
        as 0.
      </p>
      {counted && <CountToast outcome={counted} onDone={() => setCounted(null)} />}
    </section>
  );
}
