"use client";

import type { SkuDetail } from "@/client/api/types";
import { ExplainPopover } from "@/components/explain/ExplainPopover";
import { formatInt } from "@/client/format/numbers";
import { PauseControl } from "@/components/pauses/PauseControl";
import { coveringPause, pausedByOf, pauseSummary } from "@/components/pauses/pause-text";
import { FlashValue } from "@/components/ui/FlashValue";
import { useHydrated } from "@/hooks/use-hydrated";
import { usePauses } from "@/hooks/use-pauses";

/** What each channel may show for this SKU right now (docs/CHANNEL-RULES.md); each number opens how it was reached. */
export function ChannelNumbers({ sku }: { sku: SkuDetail }) {
  // Who paused and why: from the payload when the server sends it, else from the active pauses.
  const pauses = usePauses().data?.pauses;
  // "until Tue 09:00" is in the viewer's time zone: only once hydrated (the page is server-rendered).
  const hydrated = useHydrated();
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title" className="mb-2 text-sm font-semibold text-slate-900">
        Published per channel
      </h2>
      {sku.channels.length === 0 ? (
        <p className="text-sm text-slate-500">No channels in the catalogue yet.</p>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-2">
          {sku.channels.map((c) => {
            const pause = c.paused ? (pausedByOf(c) ?? coveringPause(pauses, c.code, sku.code)) : null;
            return (
              <li
                key={c.code}
                data-channel={c.code}
                data-paused={c.paused || undefined}
                className={`rounded-lg border px-3 py-2 ${c.paused ? "border-amber-300 bg-amber-50/40" : "border-slate-200 bg-white"}`}
              >
                <div className="flex min-h-6 items-center justify-between gap-1.5">
                  <div className="truncate text-xs font-medium text-slate-500" title={c.code}>
                    {c.code}
                  </div>
                  <PauseControl channel={c.code} sku={sku.code} compact />
                </div>
                <div className="mt-0.5 text-lg font-semibold tabular-nums">
                  <ExplainPopover
                    sku={sku.code}
                    channel={c.code}
                    title="How this number is reached"
                    label={`${c.code}: ${c.paused ? "paused" : `${formatInt(c.published)} published`}. Show how it is reached.`}
                  >
                    {c.paused ? (
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-sm font-medium text-amber-900 italic">paused</span>
                    ) : (
                      <FlashValue value={c.published} className={c.published === 0 ? "text-slate-400" : "text-slate-900"}>
                        {formatInt(c.published)}
                      </FlashValue>
                    )}
                  </ExplainPopover>
                </div>
                {c.paused && (
                  <p data-testid="paused-reason" className="mt-1 text-[11px] leading-snug break-words text-amber-900">
                    {pause ? (hydrated ? pauseSummary(pause) : [pause.by && `by ${pause.by}`, pause.reason].filter(Boolean).join(" · ")) : "Reason not loaded yet."}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
