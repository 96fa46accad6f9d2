// Event types grouped by what they do, so a column of them can be scanned by colour and text.
const GROUPS: [RegExp, string][] = [
  [/^order\./, "bg-sky-50 text-sky-800 ring-sky-600/20"],
  [/^(receipt|asn|po)$/, "bg-emerald-50 text-emerald-800 ring-emerald-600/20"],
  [/^return\./, "bg-violet-50 text-violet-800 ring-violet-600/20"],
  [/^transfer\./, "bg-cyan-50 text-cyan-800 ring-cyan-600/20"],
  [/^(adjustment|shrink|damage)$/, "bg-amber-50 text-amber-800 ring-amber-600/25"],
  [/^(cycle_count|snapshot)$/, "bg-slate-100 text-slate-800 ring-slate-500/25"],
  [/^reservation\./, "bg-indigo-50 text-indigo-800 ring-indigo-600/20"],
];

export function EventTypeBadge({ type }: { type: string }) {
  const cls = GROUPS.find(([re]) => re.test(type))?.[1] ?? "bg-slate-50 text-slate-700 ring-slate-400/20";
  return <span className={`inline-block rounded px-1.5 py-px font-mono text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${cls}`}>{type}</span>;
}
