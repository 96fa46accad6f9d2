"use client";

import type { Rule, RuleScope } from "@/client/api/types";
import { Skeleton } from "@/components/ui/Skeleton";
import { smallBtn } from "@/components/ui/form-styles";
import { FIELD_META, RULE_FIELDS } from "./rule-form";
import { SCOPE_TITLES } from "./rule-labels";
import { RULE_COLUMNS, RuleRow } from "./RuleRow";

const GROUP_HINTS: Record<RuleScope, string> = {
  channel: "Every SKU on this channel. A field it leaves empty is 0 (max shown: no limit).",
  tag: "SKUs with the tag. When a SKU has several, the earliest rule wins, field by field.",
  sku: "One SKU. Wins over tag rules and the default, field by field.",
};
const EMPTY_TEXT: Record<RuleScope, string> = {
  channel: "No channel default: fields not set by a tag rule or override are 0 (max shown: no limit).",
  tag: "No tag rules on this channel.",
  sku: "No SKU overrides on this channel.",
};
const SCOPES: RuleScope[] = ["channel", "tag", "sku"];

/** The channel's rules in one table, in resolution order: default, tag rules (earliest first), SKU overrides. */
export function RulesTable({
  rules,
  now,
  canWrite,
  recentId,
  linkedId = null,
  onEdit,
  onDeleted,
  onSetDefault,
}: {
  rules: Rule[] | null;
  now: number;
  canWrite: boolean;
  recentId: string | null;
  linkedId?: string | null;
  onEdit(rule: Rule): void;
  onDeleted(rule: Rule): void;
  onSetDefault(): void;
}) {
  return (
    // From lg a table (as wide as its columns need); below, each rule is a card (RuleRow), so the
    // page never scrolls sideways and the actions stay on screen.
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs lg:w-fit lg:min-w-full">
      <table className="block w-full border-separate border-spacing-0 text-sm lg:table" data-testid="rules" aria-busy={!rules}>
        <caption className="sr-only">Rules of this channel: the default, tag rules earliest first, then SKU overrides</caption>
        <thead className="hidden text-xs lg:table-header-group text-slate-500 [&_th]:sticky [&_th]:top-12 [&_th]:z-10 [&_th]:border-b [&_th]:border-slate-200 [&_th]:bg-slate-50/95 [&_th]:px-2 [&_th]:py-2 [&_th]:font-medium xl:[&_th]:px-3 xl:[&_th]:whitespace-nowrap [&_th]:backdrop-blur [&_th:first-child]:rounded-tl-lg [&_th:last-child]:rounded-tr-lg">
          <tr>
            <th scope="col" className="text-left">
              Applies to
            </th>
            {RULE_FIELDS.map((f) => (
              <th key={f} scope="col" className="text-right" title={FIELD_META[f].hint}>
                {FIELD_META[f].label}
              </th>
            ))}
            <th scope="col" className="text-left">
              Last changed
            </th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {!rules ? (
          <tbody className="block lg:table-row-group">
            {Array.from({ length: 5 }, (_, i) => (
              <tr key={i} data-testid="rules-loading" className="block lg:table-row">
                <td colSpan={RULE_COLUMNS} className="block border-b border-slate-100 px-3 py-3 lg:table-cell">
                  <Skeleton className="h-3.5" />
                </td>
              </tr>
            ))}
          </tbody>
        ) : (
          SCOPES.map((scope) => {
            const group = rules.filter((r) => r.scope === scope);
            return (
              <tbody key={scope} data-testid={`rules-group-${scope}`} className="block lg:table-row-group">
                <tr className="block lg:table-row">
                  <th scope="rowgroup" colSpan={RULE_COLUMNS} className="block border-b border-slate-100 bg-white px-3 pt-3 pb-1.5 text-left lg:table-cell">
                    <span className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{SCOPE_TITLES[scope]}</span>
                    {group.length > 0 && scope !== "channel" && <span className="ml-1.5 text-xs font-normal text-slate-400 tabular-nums">{group.length}</span>}
                    <span className="ml-2 text-xs font-normal text-slate-500">{GROUP_HINTS[scope]}</span>
                  </th>
                </tr>
                {group.length === 0 ? (
                  <tr className="block lg:table-row">
                    <td colSpan={RULE_COLUMNS} className="block border-b border-slate-100 px-3 py-2.5 text-xs text-slate-400 lg:table-cell" data-testid={`rules-none-${scope}`}>
                      {EMPTY_TEXT[scope]}
                      {scope === "channel" && canWrite && (
                        <button type="button" onClick={onSetDefault} className={`${smallBtn} ml-3`} data-testid="set-default-inline">
                          Set channel default
                        </button>
                      )}
                    </td>
                  </tr>
                ) : (
                  group.map((r, i) => (
                    <RuleRow
                      key={r.id}
                      rule={r}
                      order={scope === "tag" ? i + 1 : undefined}
                      now={now}
                      canWrite={canWrite}
                      recent={r.id === recentId}
                      linked={r.id === linkedId}
                      onEdit={() => onEdit(r)}
                      onDeleted={onDeleted}
                    />
                  ))
                )}
              </tbody>
            );
          })
        )}
      </table>
    </div>
  );
}
