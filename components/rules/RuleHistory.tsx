"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { AuditEntryView, Rule } from "@/client/api/types";
import { useCan } from "@/components/auth/ViewerProvider";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { Skeleton } from "@/components/ui/Skeleton";
import { useRuleHistory } from "@/hooks/use-rule-history";
import { entryScope, entryVerb, isOnChannel, ruleChanges } from "./rule-history";
import { fieldLabel, type FieldChange } from "./rule-labels";

const PAGE = 15;

/** One field of the change, by the form's label: "Buffer units 1 → 5", "Buffer % 8 % → removed". */
function ChangeLine({ c }: { c: FieldChange }) {
  return (
    <li data-field={c.field} data-kind={c.kind}>
      <span className="text-slate-500">{fieldLabel(c.field)}</span>{" "}
      {c.kind === "set" ? (
        <span className="font-medium text-slate-900">{c.after}</span>
      ) : (
        <>
          {c.kind === "added" ? (
            <span className="text-slate-400">not set</span>
          ) : (
            <span className={c.kind === "removed" ? "text-slate-500 line-through decoration-slate-300" : "text-slate-500"}>{c.before}</span>
          )}{" "}
          <span className="text-slate-400">→</span> {c.kind === "removed" ? <span className="font-medium text-rose-700">removed</span> : <span className="font-medium text-slate-900">{c.after}</span>}
        </>
      )}
    </li>
  );
}

function EntryChanges({ e }: { e: AuditEntryView }) {
  const changes = ruleChanges(e.action, e.before, e.after);
  if (!changes.length) return <span className="text-xs text-slate-400">{e.action === "rule.created" ? "no field set" : "—"}</span>;
  return (
    <ul data-testid="rule-change-fields" className="space-y-0.5 text-xs tabular-nums">
      {changes.map((c) => (
        <ChangeLine key={c.field} c={c} />
      ))}
    </ul>
  );
}

function Entry({ e, now }: { e: AuditEntryView; now: number }) {
  return (
    <li
      data-testid="rule-history-entry"
      data-id={e.id}
      data-action={e.action}
      className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 border-b border-slate-100 px-3 py-2 last:border-b-0 sm:grid-cols-[7rem_12rem_1fr]"
    >
      <time dateTime={e.at} title={formatAbsolute(e.at)} className="text-xs text-slate-500 tabular-nums">
        {formatRelative(e.at, now)}
      </time>
      <div className="min-w-0 text-xs">
        <span className={`font-medium ${e.action === "rule.deleted" ? "text-rose-700" : e.action === "rule.created" ? "text-emerald-700" : "text-slate-900"}`}>{entryVerb(e.action)}</span>{" "}
        <span className="text-slate-700">{entryScope(e)}</span>
        <span className="block truncate text-slate-400" title={e.actor}>
          {e.actor}
        </span>
      </div>
      <div className="col-span-2 sm:col-span-1">
        <EntryChanges e={e} />
      </div>
    </li>
  );
}

/** Recent rule changes on this channel, from the audit log (everyone who reads the rules sees them). */
export function RuleHistory({ channel, rules, now }: { channel: string; rules: Rule[] | null; now: number }) {
  const canAudit = useCan("audit.read");
  const q = useRuleHistory(channel);
  const [shown, setShown] = useState(PAGE);
  const ids = useMemo(() => new Set(rules?.map((r) => r.id) ?? []), [rules]);
  const entries = useMemo(() => q.data?.entries.filter((e) => isOnChannel(e, channel, ids)) ?? null, [q.data, channel, ids]);

  let body: React.ReactNode;
  if (q.isError && !entries)
    body = (
      <p role="alert" className="px-3 py-4 text-sm text-rose-700">
        Couldn&apos;t load the changes.{" "}
        <button type="button" className="underline" onClick={() => void q.refetch()} disabled={q.isFetching}>
          {q.isFetching ? "Retrying…" : "Retry"}
        </button>
      </p>
    );
  else if (!entries)
    body = (
      <div className="space-y-2 px-3 py-3" aria-hidden>
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-3.5" />
        ))}
      </div>
    );
  else if (entries.length === 0)
    body = (
      <p className="px-3 py-4 text-sm text-slate-500" data-testid="rule-history-empty">
        No rule changes recorded on this channel yet.
      </p>
    );
  else
    body = (
      <>
        <ul>
          {entries.slice(0, shown).map((e) => (
            <Entry key={e.id} e={e} now={now} />
          ))}
        </ul>
        {entries.length > shown && (
          <div className="border-t border-slate-100 px-3 py-2">
            <button type="button" onClick={() => setShown((n) => n + PAGE)} className="text-xs font-medium text-slate-700 underline">
              Show {Math.min(PAGE, entries.length - shown)} more
            </button>
          </div>
        )}
      </>
    );

  return (
    <section data-testid="rule-history" aria-labelledby="rule-history-title" className="mt-4 rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex items-baseline gap-2 border-b border-slate-200 px-3 py-2">
        <h2 id="rule-history-title" className="text-sm font-semibold text-slate-900">
          Changes
        </h2>
        <span className="text-xs text-slate-500">rule changes on this channel, newest first</span>
        {canAudit && (
          <Link href="/audit?action=rule" className="ml-auto text-xs font-medium text-emerald-700 hover:underline">
            All in the audit log
          </Link>
        )}
      </div>
      {body}
    </section>
  );
}
