import type { SkuDetail } from "@/components/api/types";
import { formatInt } from "@/components/format/numbers";
import { FlashValue } from "@/components/ui/FlashValue";

/** What each channel may show for this SKU right now (DESIGN §5). */
export function ChannelNumbers({ sku }: { sku: SkuDetail }) {
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title" className="mb-2 text-sm font-semibold text-slate-900">
        Published per channel
      </h2>
      {sku.channels.length === 0 ? (
        <p className="text-sm text-slate-500">No channels in the catalogue yet.</p>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-2">
          {sku.channels.map((c) => (
            <li key={c.code} data-channel={c.code} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
              <div className="truncate text-xs font-medium text-slate-500" title={c.code}>
                {c.code}
              </div>
              <div className="mt-0.5 text-lg font-semibold tabular-nums">
                {c.paused ? (
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-sm font-medium text-slate-500 italic">paused</span>
                ) : (
                  <FlashValue value={c.published} className={c.published === 0 ? "text-slate-400" : "text-slate-900"}>
                    {formatInt(c.published)}
                  </FlashValue>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
