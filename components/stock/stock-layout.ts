// The stock list is a table from xl (1280 px) up, and one card per SKU below: a tablet or phone gets
// every channel's number and the row's actions without scrolling sideways. One markup for both,
// switched by CSS (the row's cells become a grid), so live patches, flashes and keyboard moves are
// shared. Card, tablet (md–xl): code · name · status · Pause on the first line, the numbers below.
// Card, phone (below md): code · Pause, then name · status, then the numbers.

/** Table row: a card below xl. */
export const rowCls =
  "tabular:[&>td]:border-b tabular:[&>td]:border-slate-100 cards:grid cards:items-start cards:gap-x-3 cards:gap-y-2 cards:border-b cards:border-slate-200 cards:px-3 cards:py-2.5 cards:last:border-b-0 max-md:grid-cols-[repeat(auto-fill,minmax(6rem,1fr))] md:cards:grid-cols-[repeat(auto-fill,minmax(6.5rem,1fr))]";
/** A number cell: right-aligned in the table, a labelled value in the card. */
export const numCls = "px-2 py-1 text-right tabular-nums cards:p-0 cards:text-left";
export const codeCellCls = "cards:row-start-1 cards:self-center cards:p-0 max-md:col-[1/-2] md:cards:col-[1/3]";
export const nameCellCls = "cards:self-center cards:p-0 max-md:col-[1/-2] max-md:row-start-2 md:cards:col-[3/-3] md:cards:row-start-1";
export const statusCellCls = "cards:self-center cards:justify-self-end cards:p-0 max-md:col-[-2/-1] max-md:row-start-2 md:cards:col-[-3/-2] md:cards:row-start-1";
export const actionsCellCls = "cards:col-[-2/-1] cards:row-start-1 cards:justify-self-end cards:p-0";
export const plainCellCls = "cards:p-0";
/**
 * The label a card shows above a value, from the cell's data-label (the table has its header
 * instead). Generated content: not part of the cell's text, which stays the bare number.
 */
export const cardLabelCls =
  "cards:before:mb-0.5 cards:before:block cards:before:text-[11px] cards:before:leading-4 cards:before:font-normal cards:before:text-slate-500 cards:before:content-[attr(data-label)]";
