import type { ReactNode } from "react";

// The looks in use, by where they stand: the box around the figure, the label's and the value's class lists.
const SIZES = {
  /** A source's or sender's health figures (a card's small print). */
  sm: { box: "min-w-0", dt: "text-[11px] font-medium text-slate-500", dd: "text-sm font-semibold tabular-nums" },
  /** A totals line above a table. */
  base: { box: "min-w-0", dt: "text-xs text-slate-500", dd: "text-base font-semibold tabular-nums" },
  /** A header's headline numbers, in cells split by the list's dividers (one SKU). */
  lg: { box: "min-w-0 px-4 py-2.5", dt: "text-xs font-medium whitespace-nowrap text-slate-500", dd: "mt-0.5 text-lg font-semibold tabular-nums" },
  /** A screen's summary tiles, each a card of its own (the stock summary). */
  xl: { box: "min-w-0 rounded-lg border border-slate-200 bg-white px-3.5 py-2", dt: "text-xs font-medium text-slate-500", dd: "text-xl font-semibold tabular-nums" },
} as const;

interface StatProps {
  label: ReactNode;
  children: ReactNode;
  size: keyof typeof SIZES;
  /** The value's colour (amber or rose for a warning). */
  tone?: string;
  /** The tooltip. */
  hint?: string;
  testId?: string;
}

/** One figure of a `<dl>`: a small label over the value, the hint as its tooltip. */
export function Stat({ label, children, size, tone = "text-slate-900", hint, testId }: StatProps) {
  const s = SIZES[size];
  return (
    <div className={s.box} title={hint}>
      <dt className={s.dt}>{label}</dt>
      <dd className={`${s.dd} ${tone}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
