import Link from "next/link";

/** An SKU code the catalogue does not know. */
export function SkuNotFound({ code }: { code: string }) {
  return (
    <div data-testid="sku-not-found" className="mx-auto my-12 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-xs">
      <p className="text-xs font-semibold tracking-wide text-slate-400 uppercase">404 · unknown SKU</p>
      <h1 className="mt-2 text-lg font-semibold text-slate-900">
        No SKU with code <span className="font-mono break-all">“{code}”</span>
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        It is not in the catalogue. Codes are case-sensitive; a SKU appears once it is loaded with <code className="rounded bg-slate-100 px-1">PUT /api/catalog</code>.
      </p>
      <Link href={`/?q=${encodeURIComponent(code)}`} className="mt-5 inline-block rounded-md bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
        Search the stock list
      </Link>
    </div>
  );
}
