import type { ReactNode } from "react";
import { type DataColumn, RESPONSIVE, STATIC_HEAD, TableHead } from "./DataTable";

/**
 * The card, table and header row of a `static` `DataTable` whose rows turn to cards below
 * `responsive`, for a table that draws its own body (`children`: the `<tbody>`, a totals `<tfoot>`)
 * because its skeleton, empty or footer rows are its own. Scrolls sideways in the card when it must.
 */
export function TableCard(p: { columns: (DataColumn | false)[]; responsive: "lg" | "xl"; testId?: string; children: ReactNode }) {
  const r = RESPONSIVE[p.responsive];
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className={`w-full border-separate border-spacing-0 text-sm ${r.table}`} data-testid={p.testId}>
        <TableHead className={`${STATIC_HEAD} ${r.thead}`} columns={p.columns} />
        {p.children}
      </table>
    </div>
  );
}
