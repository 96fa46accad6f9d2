// The stock list is a table from xl (1280 px) up, and one card per SKU below: a tablet or phone gets
// every channel's number and the row's actions without scrolling sideways. One markup for both,
// switched by CSS (the row's cells become a grid), so live patches, flashes and keyboard moves are
// shared. Card, tablet (md–xl): code · name · status · Pause on the first line, the numbers below.
// Card, phone (below md): code · Pause, then name · status, then the numbers.

/** Table row: a card below xl. */
export const rowCls =
  "xl:[&>td]:border-b xl:[&>td]:border-slate-100 max-xl:grid max-xl:items-start max-xl:gap-x-3 max-xl:gap-y-2 max-xl:border-b max-xl:border-slate-200 max-xl:px-3 max-xl:py-2.5 max-xl:last:border-b-0 max-md:grid-cols-[repeat(auto-fill,minmax(6rem,1fr))] md:max-xl:grid-cols-[repeat(auto-fill,minmax(6.5rem,1fr))]";
/** A number cell: right-aligned in the table, a labelled value in the card. */
export const numCls = "px-2 py-1 text-right tabular-nums max-xl:p-0 max-xl:text-left";
export const codeCellCls = "max-xl:row-start-1 max-xl:self-center max-xl:p-0 max-md:col-[1/-2] md:max-xl:col-[1/3]";
export const nameCellCls = "max-xl:self-center max-xl:p-0 max-md:col-[1/-2] max-md:row-start-2 md:max-xl:col-[3/-3] md:max-xl:row-start-1";
export const statusCellCls = "max-xl:self-center max-xl:justify-self-end max-xl:p-0 max-md:col-[-2/-1] max-md:row-start-2 md:max-xl:col-[-3/-2] md:max-xl:row-start-1";
export const actionsCellCls = "max-xl:col-[-2/-1] max-xl:row-start-1 max-xl:justify-self-end max-xl:p-0";
export const plainCellCls = "max-xl:p-0";
/**
 * The label a card shows above a value, from the cell's data-label (the table has its header
 * instead). Generated content: not part of the cell's text, which stays the bare number.
 */
export const cardLabelCls =
  "max-xl:before:mb-0.5 max-xl:before:block max-xl:before:text-[11px] max-xl:before:leading-4 max-xl:before:font-normal max-xl:before:text-slate-500 max-xl:before:content-[attr(data-label)]";
