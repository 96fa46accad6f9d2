import Link from "next/link";
import type { CitedRule } from "@/client/api/types";
import { ruleName } from "@/components/rules/rule-labels";

/** The Rules page on a channel's tab; with a rule, that rule's row is highlighted and scrolled to. */
export const rulesHref = (channel: string, rule?: string) => `/rules?${new URLSearchParams({ channel, ...(rule ? { rule } : {}) })}`;

/** "tag bestseller", "channel default", "SKU override": named as the Rules page names them, each a link to its row. */
export function RuleLinks({ ids, rules }: { ids: (string | undefined)[]; rules: ReadonlyMap<string, CitedRule> }) {
  const cited = [...new Set(ids.filter((x): x is string => !!x))].map((id) => rules.get(id)).filter((r): r is CitedRule => !!r);
  if (cited.length === 0) return null;
  return (
    <span className="ml-1 text-[11px]">
      {cited.map((r, i) => (
        <span key={r.id} className="whitespace-nowrap">
          {i > 0 && ", "}
          <Link href={rulesHref(r.channel, r.id)} data-testid="explain-rule-link" data-rule={r.id} className="text-sky-700 hover:underline" title={`Open the ${ruleName(r)} rule on ${r.channel}`}>
            {ruleName(r, false)}
          </Link>
        </span>
      ))}
    </span>
  );
}

/** One step of the calculation: operator, what it is (with its rule and a note), the value. */
export function ExplainLine({
  op,
  label,
  note,
  value,
  testId,
  tone = "plain",
  children,
}: {
  op?: string;
  label: React.ReactNode;
  note?: React.ReactNode;
  value: React.ReactNode;
  testId?: string;
  tone?: "plain" | "total" | "applied" | "muted" | "paused";
  children?: React.ReactNode;
}) {
  const tones = {
    plain: "",
    total: "border-t border-slate-200 pt-1 font-semibold text-slate-900",
    applied: "-mx-1.5 rounded bg-emerald-50 px-1.5 text-emerald-900 ring-1 ring-emerald-600/20 ring-inset",
    muted: "text-slate-400",
    paused: "-mx-1.5 rounded bg-amber-50 px-1.5 text-amber-900 ring-1 ring-amber-600/25 ring-inset",
  };
  return (
    <div data-testid={testId} className={`grid grid-cols-[0.75rem_1fr_auto] items-baseline gap-x-2 py-0.5 ${tones[tone]}`}>
      <span className="text-center text-slate-400">{op}</span>
      <span className="min-w-0">
        {label}
        {children}
        {note && <span className="block text-[11px] leading-snug font-normal text-slate-500">{note}</span>}
      </span>
      <span className="text-right whitespace-nowrap tabular-nums">{value}</span>
    </div>
  );
}
