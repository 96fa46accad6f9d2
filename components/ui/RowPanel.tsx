import type { ButtonHTMLAttributes, ReactNode, Ref } from "react";
import { stacked } from "@/components/admin/stacked-table";
import { smallBtn } from "./form-styles";

// A table row's action that opens a panel (a form or a confirmation) in a row of its own under it,
// so the table keeps its columns where they are.

const TOGGLE_TONES = {
  /** Rotate, reset a password: a small button, dark while its panel is open. */
  neutral: `${smallBtn} aria-expanded:border-slate-900 aria-expanded:bg-slate-900 aria-expanded:text-white`,
  /** Revoke, deactivate: red text, red while its panel is open. */
  danger: "rounded-md px-2 py-0.5 text-xs font-medium text-rose-700 hover:bg-rose-50 aria-expanded:bg-rose-600 aria-expanded:text-white",
} as const;

/** The row action: `aria-expanded` while its panel is open (the pressed look comes from it). */
export function RowPanelToggle({
  open,
  tone = "neutral",
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className"> & { open: boolean; tone?: keyof typeof TOGGLE_TONES; ref?: Ref<HTMLButtonElement> }) {
  return <button type="button" aria-expanded={open} className={TOGGLE_TONES[tone]} {...rest} />;
}

/**
 * The class list of a row whose actions open a `RowPanel` under it: while one is open the row turns
 * grey and drops its bottom border, so the two read as one; `faded` greys an inactive row (revoked,
 * deactivated).
 */
export function rowAbovePanelCls(open: boolean, faded: boolean) {
  return `align-middle [&>td]:px-3 [&>td]:py-2 ${stacked.row} ${open ? "bg-slate-50 max-xl:border-b-0" : "[&>td]:border-b [&>td]:border-slate-100"} ${faded ? "text-slate-400" : "text-slate-700"}`;
}

/** The row under the row, one cell across the table's `columns`. */
export function RowPanel({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className={`bg-slate-50 [&>td]:border-b [&>td]:border-slate-100 ${stacked.panelRow}`}>
      <td colSpan={columns} className={`px-3 pb-2.5 ${stacked.panelCell}`}>
        {children}
      </td>
    </tr>
  );
}
