import Link from "next/link";
import type { ScorecardFigure } from "@/lib/contracts/scorecard";
import { changeOf, formatFigure, sparkPoints } from "./scorecard-format";
import { Sparkline } from "./Sparkline";

const TONE = { good: "text-emerald-700", bad: "text-rose-700", neutral: "text-slate-500" } as const;
const ARROW = { up: "▲", down: "▼", flat: "■", none: "" } as const;

/** One headline figure: the value, its change from last week (coloured by good or bad for it), and 12 weeks. */
export function KpiTile({ label, figure, week, href, hint }: { label: string; figure: ScorecardFigure | undefined; week: string; href?: string; hint?: string }) {
  const f = figure ?? { key: "units_sold" as const, channel: null, value: null, trend: [] };
  const change = changeOf(f);
  const body = (
    <>
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate text-xs font-medium text-slate-600 print:text-[9px]">{label}</span>
        {href && (
          <span aria-hidden className="text-xs text-slate-400 print:hidden">
            →
          </span>
        )}
      </div>
      <div className="mt-1 text-xl font-semibold tabular-nums text-slate-900 print:mt-0 print:text-sm" data-testid="kpi-value">
        {figure ? formatFigure(figure.key, figure.value) : "—"}
      </div>
      <div className={`text-xs tabular-nums ${TONE[change.tone]} print:text-[8px]`} data-testid="kpi-change" data-tone={change.tone}>
        {change.direction !== "none" && <span aria-hidden>{ARROW[change.direction]} </span>}
        {change.text}
        {change.direction !== "none" && change.direction !== "flat" && <span className="text-slate-400"> vs last week</span>}
      </div>
      <div className="mt-1">
        <Sparkline points={sparkPoints(f, week)} tone={change.tone} />
      </div>
      {hint && <p className="sr-only">{hint}</p>}
    </>
  );
  const cls = "block min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-xs print:break-inside-avoid print:rounded print:p-1.5 print:shadow-none";
  const testId = `kpi-${f.key}`;
  return href ? (
    <Link href={href} prefetch={false} className={`${cls} hover:border-slate-300 hover:bg-slate-50`} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className={cls} data-testid={testId}>
      {body}
    </div>
  );
}
