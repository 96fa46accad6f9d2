// Below lg (tablets and phones) the admin tables turn each row into a card: the cells wrap in a
// flex row, a cell can take a line of its own (`full`), small grey labels name the figures
// (`data-label`), and the row's actions get the last line, so every action stays inside the
// viewport without a sideways scroll. At lg and above they are ordinary tables.
export const stacked = {
  table: "max-lg:block",
  thead: "max-lg:hidden",
  tbody: "max-lg:block",
  row: "max-lg:flex max-lg:flex-wrap max-lg:items-center max-lg:gap-x-3 max-lg:gap-y-1 max-lg:border-b max-lg:border-slate-100 max-lg:px-3 max-lg:py-2.5 max-lg:[&>td]:border-0! max-lg:[&>td]:p-0!",
  /** A cell that names itself from `data-label` ("Last seen 3 min. ago"). */
  labelled: "max-lg:before:mr-1 max-lg:before:text-slate-400 max-lg:before:content-[attr(data-label)]",
  /** A cell on a line of its own. */
  full: "max-lg:basis-full",
  /** The actions: last line, left-aligned. */
  actions: "max-lg:order-last max-lg:basis-full max-lg:[&>div]:justify-start max-lg:text-left!",
  /** The row under a row (confirmations, forms). */
  panelRow: "max-lg:block",
  panelCell: "max-lg:block max-lg:px-3!",
} as const;
