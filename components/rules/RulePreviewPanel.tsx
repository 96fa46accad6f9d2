"use client";

import Link from "next/link";
import type { RulePreview } from "@/client/api/types";
import { formatInt, formatSigned } from "@/client/format/numbers";
import { InlineError } from "@/components/ui/InlineError";
import { Skeleton } from "@/components/ui/Skeleton";
import { largestChanges } from "./preview-buckets";
import { PreviewChart } from "./PreviewChart";
import { TableHead } from "@/components/ui/DataTable";

const TABLE_ROWS = 50;

/** Withheld before → after with the delta; more withheld is amber (the channel shows less). */
export function WithheldLine({ p, testId = "preview-withheld" }: { p: RulePreview; testId?: string }) {
  const delta = p.withheldAfter - p.withheldBefore;
  return (
    <span data-testid={testId} data-before={p.withheldBefore} data-after={p.withheldAfter} className="tabular-nums">
      {formatInt(p.withheldBefore)} → <span className="font-semibold text-slate-900">{formatInt(p.withheldAfter)}</span>{" "}
      <span className={delta > 0 ? "text-amber-700" : delta < 0 ? "text-emerald-700" : "text-slate-400"}>({formatSigned(delta)})</span>
    </span>
  );
}

/**
 * What saving would do, before saving: how many numbers change, the units withheld in total on this
 * channel, the spread of the changes, and the largest ones. `idle` says why nothing is asked yet.
 */
export function RulePreviewPanel({ preview, error, waiting, idle, channelName }: { preview: RulePreview | undefined; error: unknown; waiting: boolean; idle: string | null; channelName: string }) {
  const rows = preview ? largestChanges(preview.skus, TABLE_ROWS) : [];
  return (
    <section data-testid="rule-preview" aria-labelledby="rule-preview-title" aria-busy={waiting} className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <div className="mb-2 flex items-center gap-2">
        <h3 id="rule-preview-title" className="text-sm font-semibold text-slate-900">
          Preview
        </h3>
        <span className="text-xs text-slate-500">before saving, against live stock</span>
        {waiting && !idle && (
          <span role="status" className="ml-auto inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="preview-updating">
            <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" />
            Updating…
          </span>
        )}
      </div>

      {idle ? (
        <p className="py-3 text-sm text-slate-500" data-testid="preview-idle">
          {idle}
        </p>
      ) : error && !preview ? (
        <InlineError error={error} testId="preview-error" className="py-2" />
      ) : !preview ? (
        <div className="space-y-2" aria-hidden>
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-[140px] w-full" />
        </div>
      ) : (
        <div className={`space-y-3 transition-opacity ${waiting ? "opacity-60" : ""}`}>
          {error ? <InlineError error={error} testId="preview-error" /> : null}
          <dl className="grid grid-cols-2 gap-2">
            <div className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-200">
              <dt className="text-xs text-slate-500">Numbers that change</dt>
              <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="preview-changed" data-count={preview.changed}>
                {formatInt(preview.changed)}
              </dd>
              <dd className="text-[11px] text-slate-400">SKU · channel pairs</dd>
            </div>
            <div className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-200">
              <dt className="text-xs text-slate-500">Units withheld on {channelName}</dt>
              <dd className="text-lg text-slate-600">
                <WithheldLine p={preview} />
              </dd>
              <dd className="text-[11px] text-slate-400">Σ available real − shown</dd>
            </div>
          </dl>

          {preview.changed === 0 ? (
            <p className="text-sm text-slate-500" data-testid="preview-no-change">
              No published number changes: other rules or the stock itself already decide these SKUs.
            </p>
          ) : (
            <>
              <PreviewChart skus={preview.skus} />
              <div className="overflow-x-auto rounded-md bg-white ring-1 ring-slate-200">
                <table className="w-full text-xs" data-testid="preview-table">
                  <caption className="px-3 py-1.5 text-left text-[11px] text-slate-500">
                    Largest {formatInt(rows.length)} of {formatInt(preview.changed)} changes
                    {preview.truncated && ` (the list covers the first ${formatInt(preview.skus.length)} SKUs; the counts cover all)`}
                  </caption>
                  {/* On a phone the channel goes under the SKU, so codes never break mid-word. */}
                  <TableHead
                    className="bg-slate-50 text-slate-500 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:font-medium sm:[&_th]:px-3"
                    columns={["SKU", { label: "Channel", className: "hidden sm:table-cell" }, { label: "Shown", className: "text-right" }, { label: "Change", className: "text-right" }]}
                  />
                  <tbody className="[&_td]:border-t [&_td]:border-slate-100 [&_td]:px-2 [&_td]:py-1 sm:[&_td]:px-3">
                    {rows.map((s) => {
                      const d = s.after - s.before;
                      return (
                        <tr key={`${s.code}/${s.channel}`} data-testid="preview-row" data-sku={s.code} data-channel={s.channel}>
                          <td className="whitespace-nowrap">
                            <Link href={`/skus/${encodeURIComponent(s.code)}`} className="font-mono text-slate-900 hover:underline" target="_blank">
                              {s.code}
                            </Link>
                            <span className={`block text-[11px] sm:hidden ${s.channel === preview.channel ? "text-slate-500" : "font-medium text-sky-800"}`}>{s.channel}</span>
                          </td>
                          <td
                            className={`hidden sm:table-cell ${s.channel === preview.channel ? "text-slate-500" : "font-medium text-sky-800"}`}
                            title={s.channel === preview.channel ? undefined : "Another channel: a reserve here changes what it may show"}
                          >
                            {s.channel}
                          </td>
                          <td className="text-right whitespace-nowrap tabular-nums">
                            <span className="text-slate-500">{formatInt(s.before)}</span>{" "}
                            <span role="img" aria-label="becomes" className="text-slate-400">
                              →
                            </span>{" "}
                            <span className="font-medium text-slate-900">{formatInt(s.after)}</span>
                          </td>
                          <td className={`text-right tabular-nums ${d < 0 ? "text-amber-700" : "text-emerald-700"}`}>{formatSigned(d)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
