/** One figure of a source's health: a small label over the value; the hint is its tooltip. */
export function HealthStat({ label, children, tone = "text-slate-900", hint, testId }: { label: string; children: React.ReactNode; tone?: string; hint?: string; testId?: string }) {
  return (
    <div className="min-w-0" title={hint}>
      <dt className="text-[11px] font-medium text-slate-500">{label}</dt>
      <dd className={`text-sm font-semibold tabular-nums ${tone}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
