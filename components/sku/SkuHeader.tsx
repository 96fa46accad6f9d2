import type { SkuDetail } from "@/client/api/types";
import { formatCover, formatInt, formatRate } from "@/client/format/numbers";
import { COVER } from "@/lib/metrics/cover";
import { PauseControl } from "@/components/pauses/PauseControl";
import { FlashValue } from "@/components/ui/FlashValue";
import { Stat } from "@/components/ui/Stat";
import { StatusPill } from "@/components/ui/StatusPill";

/** Identity and headline numbers of one SKU. */
export function SkuHeader({ sku }: { sku: SkuDetail }) {
  return (
    <section aria-labelledby="sku-title" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2.5">
            <h1 id="sku-title" className="font-mono text-lg font-semibold tracking-tight text-slate-900">
              {sku.code}
            </h1>
            <StatusPill status={sku.status} />
          </div>
          <p className="mt-0.5 text-sm text-slate-600">{sku.name}</p>
        </div>
        <div className="flex min-w-0 flex-col gap-2 sm:items-end">
          {sku.tags.length > 0 && (
            <ul aria-label="Tags" className="flex flex-wrap gap-1.5 sm:justify-end">
              {sku.tags.map((t) => (
                <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                  {t}
                </li>
              ))}
            </ul>
          )}
          {/* The whole SKU on every channel; one channel at a time is on its card below. */}
          <div className="max-w-md">
            <PauseControl sku={sku.code} />
          </div>
        </div>
      </div>
      <dl className="grid grid-cols-2 divide-slate-100 sm:grid-cols-4 lg:grid-cols-7 lg:divide-x">
        <Stat size="lg" label="Available real" hint="Σ over sellable locations of max(0, available)" testId="sku-available-real">
          <FlashValue value={sku.availableReal} className={sku.availableReal === 0 ? "text-rose-700" : ""}>
            {formatInt(sku.availableReal)}
          </FlashValue>
        </Stat>
        <Stat size="lg" label="On hand">
          <FlashValue value={sku.onHand}>{formatInt(sku.onHand)}</FlashValue>
        </Stat>
        <Stat size="lg" label="Incoming">
          <FlashValue value={sku.incoming}>{formatInt(sku.incoming)}</FlashValue>
        </Stat>
        <Stat size="lg" label="Velocity 7d" hint="Units per day over the last 7 days">
          <FlashValue value={sku.velocity7d}>{formatRate(sku.velocity7d)}</FlashValue>
          <span className="ml-1 text-xs font-normal text-slate-400">/day</span>
        </Stat>
        <Stat size="lg" label="Velocity 24h" hint="Units in the last 24 hours">
          <FlashValue value={sku.velocity24h}>{formatInt(sku.velocity24h)}</FlashValue>
          <span className="ml-1 text-xs font-normal text-slate-400">/day</span>
        </Stat>
        <Stat size="lg" label={COVER.label} hint={COVER.hint} testId="sku-cover">
          <FlashValue value={sku.daysOfInventory} className={sku.status === "low_cover" ? "text-amber-700" : ""}>
            {formatCover(sku.daysOfInventory)}
          </FlashValue>
          <span className="ml-1 text-xs font-normal text-slate-400">{COVER.unit}</span>
        </Stat>
        <Stat size="lg" label="Lead time" hint="Supplier lead time from the catalogue">
          {formatInt(sku.leadTimeDays)}
          <span className="ml-1 text-xs font-normal text-slate-400">days</span>
        </Stat>
      </dl>
    </section>
  );
}
