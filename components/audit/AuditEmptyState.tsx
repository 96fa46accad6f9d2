/** Nothing recorded at all yet: what will appear here. */
export function AuditEmptyState() {
  return (
    <div data-testid="audit-empty" className="mx-auto my-6 max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <div aria-hidden className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-emerald-50 text-lg text-emerald-600">
        ✓
      </div>
      <h2 className="text-base font-semibold text-slate-900">No changes recorded yet</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        Every control change lands here with who made it, when, and what it was before and after: people and roles, sources and their secrets, tokens, mappings, catalogue updates and re-submitted
        rejections. Stock movements are in each SKU&apos;s ledger instead.
      </p>
    </div>
  );
}
