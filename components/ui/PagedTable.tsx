import type { ComponentProps, ReactNode } from "react";
import { LoadMore } from "./LoadMore";

/**
 * A paged list's data, as `QueryStates` draws it: the table, then its `LoadMore` footer once a row is
 * shown, saying how many (`shown(rows.length)`).
 */
export function PagedTable({ table, rows, shown, ...footer }: { table: ReactNode; rows: readonly unknown[] | null; shown(count: number): ReactNode } & Omit<ComponentProps<typeof LoadMore>, "shown">) {
  return (
    <>
      {table}
      {rows && rows.length > 0 && <LoadMore {...footer} shown={shown(rows.length)} />}
    </>
  );
}
