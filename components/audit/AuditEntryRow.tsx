import type { AuditEntryView } from "@/components/api/types";
import { formatAbsolute, formatDateTime, formatRelative } from "@/components/format/time";
import { AuditDiff } from "./AuditDiff";
import { actionLabel, ACTOR_KINDS } from "./audit-labels";

export const AUDIT_COLUMNS = 5;

const filterBtn = "text-left hover:underline decoration-slate-300 underline-offset-2 focus-visible:underline";

/** One recorded change: when, who (and what kind of actor), what, on what, and the before → after. */
export function AuditEntryRow({ e, now, onFilter }: { e: AuditEntryView; now: number; onFilter(key: "actor" | "target", value: string): void }) {
  const kind = ACTOR_KINDS[e.actorKind] ?? ACTOR_KINDS.system;
  const label = actionLabel(e.action);
  return (
    <tr data-testid="audit-entry" data-id={e.id} data-action={e.action} data-actor-kind={e.actorKind} className="align-top text-slate-700 [&>td]:border-b [&>td]:border-slate-100 [&>td]:px-3 [&>td]:py-2">
      <td className="text-xs whitespace-nowrap">
        <time dateTime={e.at} title={formatAbsolute(e.at)} className="block text-slate-700 tabular-nums">
          {formatDateTime(e.at)}
        </time>
        <span className="text-slate-400">{formatRelative(e.at, now)}</span>
      </td>
      <td className="max-w-[16rem]">
        <button type="button" onClick={() => onFilter("actor", e.actor)} title={`Show only changes by ${e.actor}`} className={`${filterBtn} font-medium break-all text-slate-900`} data-testid="audit-actor">
          {e.actor}
        </button>
        <span title={kind.hint} data-testid="actor-kind" className={`ml-1.5 inline-block rounded px-1.5 py-px align-[1px] text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${kind.cls}`}>
          {kind.label}
        </span>
      </td>
      <td className="whitespace-nowrap">
        <span className="font-medium text-slate-900" data-testid="audit-action">
          {label}
        </span>
        {label !== e.action && <span className="block font-mono text-[11px] text-slate-400">{e.action}</span>}
      </td>
      <td className="max-w-[18rem]">
        <button type="button" onClick={() => onFilter("target", e.target)} title={`Show only changes to ${e.target}`} className={`${filterBtn} font-mono text-xs break-all`} data-testid="audit-target">
          {e.target}
        </button>
      </td>
      <td>
        <AuditDiff before={e.before} after={e.after} details={e.details} />
      </td>
    </tr>
  );
}
