// Below xl (phones, tablets and small laptops) the admin tables turn each row into a card: the cells wrap in a
// flex row, a cell can take a line of its own (`full`), small grey labels name the figures
// (`data-label`), and the row's actions get the last line, so every action stays inside the
// viewport without a sideways scroll. At xl (1280 px) and above they are ordinary tables.
export const stacked = {
  table: "max-xl:block",
  thead: "max-xl:hidden",
  tbody: "max-xl:block",
  row: "max-xl:flex max-xl:flex-wrap max-xl:items-center max-xl:gap-x-3 max-xl:gap-y-1 max-xl:border-b max-xl:border-slate-100 max-xl:px-3 max-xl:py-2.5 max-xl:[&>td]:border-0! max-xl:[&>td]:p-0!",
  /** A cell that names itself from `data-label` ("Last seen 3 min. ago"). */
  labelled: "max-xl:before:mr-1 max-xl:before:text-slate-400 max-xl:before:content-[attr(data-label)]",
  /** A cell on a line of its own. */
  full: "max-xl:basis-full",
  /** The actions: last line, left-aligned. */
  actions: "max-xl:order-last max-xl:basis-full max-xl:[&>div]:justify-start max-xl:text-left!",
  /** The row under a row (confirmations, forms). */
  panelRow: "max-xl:block",
  panelCell: "max-xl:block max-xl:px-3!",
} as const;
