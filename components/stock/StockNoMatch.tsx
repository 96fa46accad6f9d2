/** A search that matched nothing. */
export function StockNoMatch({ query, onClear }: { query: string; onClear(): void }) {
  return (
    <div data-testid="no-match" role="status" className="px-6 py-14 text-center">
      <p className="text-sm font-medium text-slate-900">
        No SKU matches “<span className="break-all">{query}</span>”
      </p>
      <p className="mt-1 text-sm text-slate-500">Every word must appear in a SKU&apos;s code, name or tags, in any order. Try fewer words or part of the code.</p>
      <button type="button" onClick={onClear} className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Clear search
      </button>
    </div>
  );
}
