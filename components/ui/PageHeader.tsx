import type { ReactNode } from "react";

/**
 * A screen's title, the sentence that says what it is for, and its actions.
 *
 * - default: one row, the sentence beside the title, the actions pushed right by the caller (`ml-auto`);
 *   they wrap under the text on a phone. `baseline` lines a text-only header up on its baseline.
 * - `stacked`: the sentence under the title (a longer one, or one with live figures), the actions
 *   grouped on the right, bottom-aligned with the text. In print the actions hide and the text shrinks.
 */
export function PageHeader({
  title,
  description,
  baseline = false,
  stacked = false,
  descriptionTestId,
  actionsClassName = "",
  className = stacked ? "" : "mb-3",
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** Text-only headers line the title and sentence up on their baseline. */
  baseline?: boolean;
  stacked?: boolean;
  descriptionTestId?: string;
  /** With `stacked`: classes of the actions' group (`w-full sm:w-auto`). */
  actionsClassName?: string;
  /** Margins: `mb-3` by default, none when stacked (the page spaces what follows). */
  className?: string;
  children?: ReactNode;
}) {
  if (stacked)
    return (
      <div className={`flex flex-wrap items-end justify-between gap-3 print:gap-1 ${className}`}>
        <div className="min-w-0">
          <h1 className="text-lg font-semibold tracking-tight text-slate-900 print:text-sm">{title}</h1>
          {description && (
            <p className="mt-0.5 max-w-2xl text-sm text-slate-600 print:mt-0 print:text-[9px]" data-testid={descriptionTestId}>
              {description}
            </p>
          )}
        </div>
        {children && <div className={`flex flex-wrap items-center gap-2 print:hidden ${actionsClassName}`}>{children}</div>}
      </div>
    );
  return (
    <div className={`flex flex-wrap gap-x-3 ${baseline ? "items-baseline" : "items-center gap-y-2"} ${className}`}>
      <h1 className="text-lg font-semibold tracking-tight text-slate-900">{title}</h1>
      {description && (
        <p className="text-sm text-slate-500" data-testid={descriptionTestId}>
          {description}
        </p>
      )}
      {children}
    </div>
  );
}
