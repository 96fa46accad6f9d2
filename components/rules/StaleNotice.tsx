import type { Rule } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { smallBtn } from "@/components/ui/form-styles";
import type { Draft } from "./rule-form";
import { staleDifferences } from "./rule-labels";

/**
 * The save was refused because someone saved this rule first (409 stale_version): their version and
 * where it differs from the form; load theirs, or keep these edits on top of it and save again.
 */
export function StaleNotice({ current, draft, now, onLoad, onKeep }: { current: Rule | null; draft: Draft; now: number; onLoad(): void; onKeep(): void }) {
  const differs = current ? staleDifferences(current, draft) : [];
  return (
    <div role="alert" data-testid="rule-stale" data-version={current?.version} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
      <p className="font-medium">Someone changed this rule meanwhile.</p>
      {current ? (
        <>
          <p className="mt-0.5">
            Their version {current.version}
            {current.updatedBy && <> by {current.updatedBy}</>},{" "}
            <time dateTime={current.updatedAt} title={formatAbsolute(current.updatedAt)}>
              {formatRelative(current.updatedAt, now)}
            </time>
            {differs.length ? ", differs from your form in:" : ", matches your form."}
          </p>
          {differs.length > 0 && (
            <ul className="mt-1 tabular-nums" data-testid="rule-stale-fields">
              {differs.map((d) => (
                <li key={d.field} data-field={d.field}>
                  {d.label}: theirs <strong>{d.theirs}</strong>, yours <strong>{d.yours}</strong>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-2 flex flex-wrap gap-1.5">
            <button type="button" onClick={onLoad} className={smallBtn} data-testid="rule-stale-load">
              Load their version
            </button>
            <button type="button" onClick={onKeep} className={smallBtn} data-testid="rule-stale-keep">
              Keep my edits on their version
            </button>
          </div>
        </>
      ) : (
        <p className="mt-0.5">Close the editor to reload the rules, then edit again.</p>
      )}
    </div>
  );
}
