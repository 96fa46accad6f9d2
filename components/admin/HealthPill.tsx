import { HEALTH_STYLES, type HealthVerdict } from "./health";

/** A source's health in words and colour (never colour alone); the reasons are in the tooltip. */
export function HealthPill({ verdict, className = "" }: { verdict: HealthVerdict; className?: string }) {
  const s = HEALTH_STYLES[verdict.level];
  return (
    <span
      data-health={verdict.level}
      title={verdict.reasons.join("\n")}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.pill} ${className}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${s.dot}`} />
      {verdict.label}
    </span>
  );
}
