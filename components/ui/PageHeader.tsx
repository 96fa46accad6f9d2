import type { ReactNode } from "react";

/**
 * A screen's title, the sentence that says what it is for, and its actions (pushed to the right;
 * they wrap under the text on a phone).
 */
export function PageHeader({
  title,
  description,
  baseline = false,
  children,
}: {
  title: ReactNode;
  description?: ReactNode /** Text-only headers line the title and sentence up on their baseline. */;
  baseline?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={baseline ? "mb-3 flex flex-wrap items-baseline gap-x-3" : "mb-3 flex flex-wrap items-center gap-x-3 gap-y-2"}>
      <h1 className="text-lg font-semibold tracking-tight text-slate-900">{title}</h1>
      {description && <p className="text-sm text-slate-500">{description}</p>}
      {children}
    </div>
  );
}
