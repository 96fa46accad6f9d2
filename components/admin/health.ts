// The health rules are in lib/metrics/source-health.ts (unit-tested); this adds their colours.
import type { HealthLevel } from "@/lib/metrics/source-health";

export { ERROR_RATE_LIMIT, formatPercent, HEALTH_RANK, isProblem, judgeHealth, judgeSender, QUIET_AFTER_MS, type HealthLevel, type HealthVerdict } from "@/lib/metrics/source-health";

export const HEALTH_STYLES: Record<HealthLevel, { pill: string; dot: string; chip: string }> = {
  ok: { pill: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500", chip: "border-slate-200 bg-white" },
  // Neutral on purpose: a source nobody has wired up yet is not a problem.
  waiting: { pill: "bg-slate-50 text-slate-600 ring-slate-400/30", dot: "bg-slate-300", chip: "border-slate-200 bg-white" },
  quiet: { pill: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500", chip: "border-amber-300 bg-amber-50/60" },
  failing: { pill: "bg-rose-50 text-rose-800 ring-rose-600/25", dot: "bg-rose-500", chip: "border-rose-300 bg-rose-50/70" },
};
