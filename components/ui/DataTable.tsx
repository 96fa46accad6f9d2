import { Fragment, type ReactNode, type TdHTMLAttributes } from "react";
import { Skeleton } from "./Skeleton";

/** A header cell: its text, or a label with classes (`text-right`); `hidden` keeps the label for screen readers only ("Actions"). */
export type DataColumn = string | { label: ReactNode; className?: string; hidden?: boolean; title?: string };

/** Below a width the rows become cards: the table and its body turn to blocks, the header hides (`stacked-table.ts` for the rows' side). */
export const RESPONSIVE = {
  none: { table: "", thead: "", tbody: "" },
  lg: { table: "max-lg:block", thead: "max-lg:hidden", tbody: "max-lg:block" },
  xl: { table: "max-xl:block", thead: "max-xl:hidden", tbody: "max-xl:block" },
} as const;

/** A column that sets its own alignment; the others are left-aligned. */
const ALIGNED = /\btext-(left|right|center)\b/;

const STICKY_HEAD =
  "text-xs text-slate-500 [&_th]:sticky [&_th]:top-12 [&_th]:z-10 [&_th]:border-b [&_th]:border-slate-200 [&_th]:bg-slate-50/95 [&_th]:px-3 [&_th]:py-2 [&_th]:font-medium [&_th]:whitespace-nowrap [&_th]:backdrop-blur [&_th:first-child]:rounded-tl-lg [&_th:last-child]:rounded-tr-lg";
const SCROLL_HEAD = "bg-slate-50 text-xs text-slate-500 [&_th]:border-b [&_th]:border-slate-200 [&_th]:px-3 [&_th]:py-2 [&_th]:font-medium";
export const STATIC_HEAD = "text-xs text-slate-500 [&_th]:border-b [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-3 [&_th]:py-2 [&_th]:font-medium";

const LAYOUT = {
  sticky: { card: "w-fit min-w-full", table: "border-separate border-spacing-0", head: STICKY_HEAD },
  scroll: { card: "overflow-x-auto", table: "", head: SCROLL_HEAD },
  static: { card: "", table: "", head: STATIC_HEAD },
} as const;

/**
 * The card-framed table of a list: the header row, skeleton rows while `rows` is null, the rows, and
 * one centred row when there are none. The page decides the first load's error and the "nothing yet"
 * state with `QueryStates`; this is what it renders loading and with data.
 *
 * `sticky` (the default) has no overflow container, so the header sticks under the app header;
 * `scroll` scrolls sideways in its card instead (narrow tables that do not stack); `static` neither
 * (lists that turn to cards below `responsive`, whose rows draw their own borders).
 */
export function DataTable<T>(p: {
  columns: DataColumn[];
  /** null while the first page loads: `skeletonRows` grey rows. */
  rows: readonly T[] | null | undefined;
  rowKey(row: T): string;
  /** The row's `<tr>` (row components own theirs: detail rows, confirm strips). */
  row(row: T, index: number): ReactNode;
  caption?: string;
  testId?: string;
  /** aria-busy: loading by default; also while placeholder data shows. */
  busy?: boolean;
  /** The rows are the last filter's while the new one loads: dimmed (fading) and busy. */
  stale?: boolean;
  skeletonRows?: number;
  skeletonTestId?: string;
  /** The cell shown when `rows` is empty (a filter that matches nothing). */
  empty?: ReactNode;
  emptyTestId?: string;
  layout?: keyof typeof LAYOUT;
  responsive?: keyof typeof RESPONSIVE;
  /** Extra classes on the card (e.g. dimmed while filtering), the table and the body (cell padding for `scroll`). */
  className?: string;
  tableClassName?: string;
  bodyClassName?: string;
}) {
  const l = LAYOUT[p.layout ?? "sticky"];
  const dim = p.stale === undefined ? "" : `transition-opacity ${p.stale ? "opacity-60" : ""}`;
  const r = RESPONSIVE[p.responsive ?? "none"];
  const span = p.columns.length;
  const rows = p.rows;
  return (
    <div className={`${l.card} rounded-lg border border-slate-200 bg-white shadow-xs ${dim} ${p.className ?? ""}`}>
      <table className={`w-full text-sm ${l.table} ${r.table} ${p.tableClassName ?? ""}`} data-testid={p.testId} aria-busy={p.busy ?? (p.stale || !rows)}>
        {p.caption && <caption className="sr-only">{p.caption}</caption>}
        <TableHead columns={p.columns} className={`${l.head} ${r.thead}`} />
        <tbody className={`${r.tbody} ${p.bodyClassName ?? ""}`}>
          {!rows
            ? Array.from({ length: p.skeletonRows ?? 6 }, (_, i) => (
                <tr key={i} data-testid={p.skeletonTestId}>
                  <td colSpan={span} className="border-b border-slate-100 px-3 py-3">
                    <Skeleton className="h-3.5" />
                  </td>
                </tr>
              ))
            : rows.map((row, i) => <Fragment key={p.rowKey(row)}>{p.row(row, i)}</Fragment>)}
          {rows?.length === 0 && p.empty !== undefined && (
            <tr>
              <td colSpan={span} className="px-3 py-8 text-center text-sm text-slate-500" data-testid={p.emptyTestId}>
                {p.empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The "Clear filters" link inside an empty table's row. */
export function ClearLink({ onClick, children }: { onClick(): void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="font-medium text-slate-700 underline">
      {children}
    </button>
  );
}

/** A table's header row: strings are left-aligned column names; `false` leaves a column out (one only some viewers see). */
export function TableHead({ columns, className }: { columns: (DataColumn | false)[]; className?: string }) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((c, i) =>
          c === false ? null : typeof c === "string" ? (
            <th key={i} scope="col" className="text-left">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" title={c.title} className={ALIGNED.test(c.className ?? "") ? c.className : `text-left ${c.className ?? ""}`}>
              {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A row of a `static`, `responsive="lg"` table: a bordered table row, and below lg a two-column card (add `sm:max-lg:grid-cols-4` and the like for more). */
export const CARD_ROW = "border-b border-slate-100 last:border-0 max-lg:grid max-lg:grid-cols-2 max-lg:gap-x-3 max-lg:gap-y-1 max-lg:px-3 max-lg:py-2.5 [&>td]:lg:px-3 [&>td]:lg:py-2";

/** A number cell of a `responsive="lg"` table: right-aligned in the table; on a row's card, labelled (`label` before, `unit` after). */
export function NumberCell({ label, unit, className = "", children, ...td }: TdHTMLAttributes<HTMLTableCellElement> & { label: string; unit?: string }) {
  return (
    <td className={`tabular-nums max-lg:text-xs lg:text-right ${className}`} {...td}>
      <span className="text-slate-500 lg:hidden">{label} </span>
      {children}
      {unit && <span className="text-slate-500 lg:hidden">{unit}</span>}
    </td>
  );
}
