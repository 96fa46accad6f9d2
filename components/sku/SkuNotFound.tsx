import Link from "next/link";
import type { SkuName } from "@/lib/search/suggest-skus";
import { skuHref } from "./sku-href";

/** A SKU code the catalogue does not know, with the codes it probably meant. */
export function SkuNotFound({ code, suggestions = [] }: { code: string; suggestions?: SkuName[] }) {
  const sameButCase = suggestions[0] && suggestions[0].code.toLowerCase() === code.toLowerCase() ? suggestions[0] : null;
  return (
    <div data-testid="sku-not-found" className="mx-auto my-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-xs sm:p-8">
      <p className="text-xs font-semibold tracking-wide text-slate-400 uppercase">Unknown SKU</p>
      <h1 className="mt-2 text-lg font-semibold text-slate-900">
        No SKU with code <span className="font-mono break-words">“{code}”</span>
      </h1>
      {sameButCase && (
        <p className="mt-2 text-sm text-slate-600">
          Codes are matched exactly, capitals included: this one is <span className="font-mono font-medium text-slate-900">{sameButCase.code}</span>.
        </p>
      )}
      {suggestions.length > 0 ? (
        <div className="mt-4 text-left">
          <h2 className="text-sm font-medium text-slate-700">Did you mean</h2>
          <ul className="mt-1.5 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="sku-suggestions">
            {suggestions.map((s) => (
              <li key={s.code}>
                <Link href={skuHref(s.code)} data-sku={s.code} className="flex flex-wrap items-baseline gap-x-2 px-3 py-2 hover:bg-sky-50 focus-visible:bg-sky-50">
                  <span className="font-mono text-sm font-medium text-sky-800 underline-offset-2 hover:underline">{s.code}</span>
                  <span className="min-w-0 text-xs text-slate-500">{s.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600">Check the code, or look the product up in the stock list by name or part of its code.</p>
      )}
      <Link href={`/?q=${encodeURIComponent(code)}`} className="mt-5 inline-block rounded-md border border-slate-300 bg-white px-3.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Search the stock list
      </Link>
    </div>
  );
}
