import type { AuditEntryView } from "@/client/api/types";
import { formatAbsolute, formatDateTime, formatRelative } from "@/client/format/time";
import { describeTarget } from "@/lib/audit/describe-change";
import { AuditDiff } from "./AuditDiff";
import { actionLabel, ACTOR_KINDS } from "./audit-labels";

export const AUDIT_COLUMNS = 5;

const filterBtn = "text-left hover:underline decoration-slate-300 underline-offset-2 focus-visible:underline";
/** Below md a row is a card: each cell on its own line, named by a small label (the header row is hidden there). */
const cell =
  "max-lg:block max-lg:border-0! max-lg:px-0! max-lg:py-0.5! max-lg:before:mr-1.5 max-lg:before:text-[11px] max-lg:before:font-medium max-lg:before:text-slate-400 max-lg:before:content-[attr(data-label)]";

/** One recorded change: when, who (and what kind of actor), what, on what, and the before → after. */
export function AuditEntryRow({ e, now, onFilter }: { e: AuditEntryView; now: number; onFilter(key: "actor" | "target", value: string): void }) {
  const kind = ACTOR_KINDS[e.actorKind] ?? ACTOR_KINDS.system;
  const label = actionLabel(e.action);
  const target = describeTarget(e);
  return (
    <tr
      data-testid="audit-entry"
      data-id={e.id}
      data-action={e.action}
      data-actor-kind={e.actorKind}
      className="align-top text-slate-700 max-lg:block max-lg:border-b max-lg:border-slate-100 max-lg:px-3 max-lg:py-2 [&>td]:border-b [&>td]:border-slate-100 [&>td]:px-3 [&>td]:py-2"
    >
      <td className="text-xs whitespace-nowrap max-lg:flex max-lg:items-baseline max-lg:gap-2 max-lg:border-0! max-lg:p-0!">
        <time dateTime={e.at} title={formatAbsolute(e.at)} className="block text-slate-700 tabular-nums">
          {formatDateTime(e.at)}
        </time>
        <span className="text-slate-400">{formatRelative(e.at, now)}</span>
      </td>
      <td className={`lg:max-w-[16rem] ${cell}`} data-label="Who">
        <button
          type="button"
          onClick={() => onFilter("actor", e.actor)}
          title={`Show only changes by ${e.actor}`}
          className={`${filterBtn} font-medium [overflow-wrap:anywhere] text-slate-900`}
          data-testid="audit-actor"
        >
          {e.actor}
        </button>
        <span title={kind.hint} data-testid="actor-kind" className={`ml-1.5 inline-block rounded px-1.5 py-px align-[1px] text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${kind.cls}`}>
          {kind.label}
        </span>
      </td>
      <td className={`lg:whitespace-nowrap ${cell}`} data-label="Action">
        <span className="font-medium text-slate-900" data-testid="audit-action" title={e.action}>
          {label}
        </span>
      </td>
      <td className={`lg:max-w-[18rem] ${cell}`} data-label="Target">
        <button
          type="button"
          onClick={() => onFilter("target", e.target)}
          title={`${e.target} — show only changes to it`}
          className={`${filterBtn} text-xs [overflow-wrap:anywhere]`}
          data-testid="audit-target"
          data-target={e.target}
        >
          {target}
        </button>
      </td>
      <td className={cell} data-label="Change">
        <AuditDiff before={e.before} after={e.after} details={e.details} action={e.action} />
      </td>
    </tr>
  );
}
