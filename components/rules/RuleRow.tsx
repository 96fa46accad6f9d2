"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { Rule } from "@/client/api/types";
import { formatAbsolute, formatRelative } from "@/client/format/time";
import { smallBtn } from "@/components/ui/form-styles";
import { RULE_FIELDS } from "./rule-form";
import { fallbackText, fieldLabel, formatField, ruleName } from "./rule-labels";
import { RuleDeleteConfirm } from "./RuleDeleteConfirm";

export const RULE_COLUMNS = RULE_FIELDS.length + 3;

function Scope({ rule, order }: { rule: Rule; order?: number }) {
  if (rule.sku)
    return (
      <Link href={`/skus/${encodeURIComponent(rule.sku)}`} className="font-mono text-xs font-medium break-all text-slate-900 hover:underline">
        {rule.sku}
      </Link>
    );
  if (rule.tag)
    return (
      <span className="inline-flex items-center gap-1.5">
        <span title="Earlier tag rules win when a SKU has several tags" className="text-[11px] text-slate-400 tabular-nums">
          #{order}
        </span>
        <span className="rounded bg-slate-100 px-1.5 py-px text-xs font-medium text-slate-800 ring-1 ring-slate-300/60 ring-inset">{rule.tag}</span>
      </span>
    );
  return <span className="text-xs font-medium text-slate-900">Every SKU</span>;
}

/** What the card layout (below lg) says about the fields it leaves out: the table shows each one. */
function unsetSummary(rule: Rule): string | null {
  const unset = RULE_FIELDS.filter((f) => rule[f] === null).length;
  if (unset === 0) return null;
  const isDefault = !rule.sku && !rule.tag;
  if (unset === RULE_FIELDS.length) return isDefault ? "Sets no field: every field is 0, max shown no limit." : "Sets no field: every field is inherited.";
  return isDefault ? "The other fields are not set (0; max shown: no limit)." : "The other fields are inherited from broader rules.";
}

/**
 * One rule: each field as set, or greyed when inherited; who changed it last; edit and delete (with
 * confirm) for writers. A table row from lg up; below, the same cells stack as a card (only the
 * fields it sets, then who changed it, then the actions on their own line), so nothing needs a
 * sideways scroll. `linked`: the rule an explanation pointed at, highlighted, scrolled to and focused.
 */
export function RuleRow({
  rule,
  order,
  now,
  canWrite,
  recent,
  linked = false,
  onEdit,
  onDeleted,
}: {
  rule: Rule;
  order?: number;
  now: number;
  canWrite: boolean;
  recent: boolean;
  linked?: boolean;
  onEdit(): void;
  onDeleted(rule: Rule): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const rowRef = useRef<HTMLTableRowElement>(null);
  const isDefault = !rule.sku && !rule.tag;
  const name = ruleName(rule);
  const summary = unsetSummary(rule);

  useEffect(() => {
    if (!linked) return;
    rowRef.current?.scrollIntoView({ block: "center" });
    rowRef.current?.focus({ preventScroll: true });
  }, [linked]);

  const tone = linked ? "bg-sky-50 lg:[&>td:first-child]:shadow-[inset_3px_0_0_var(--color-sky-500)]" : recent ? "bg-emerald-50/60" : "";
  return (
    <>
      <tr
        ref={rowRef}
        data-testid="rule-row"
        data-scope={rule.scope}
        data-id={rule.id}
        data-tag={rule.tag ?? undefined}
        data-sku={rule.sku ?? undefined}
        data-version={rule.version}
        data-recent={recent || undefined}
        data-linked={linked || undefined}
        tabIndex={linked ? -1 : undefined}
        aria-label={linked ? `${name}: the rule you followed` : undefined}
        className={`grid grid-cols-2 gap-x-4 gap-y-1 px-3 py-2.5 align-middle text-slate-700 transition-colors focus:outline-2 focus:-outline-offset-2 focus:outline-sky-500 sm:grid-cols-4 lg:table-row lg:p-0 lg:[&>td]:px-2 lg:[&>td]:py-2 xl:[&>td]:px-3 ${confirming ? "bg-slate-50" : "border-b border-slate-100 lg:border-b-0 lg:[&>td]:border-b lg:[&>td]:border-slate-100"} ${tone}`}
      >
        <td className="col-span-full flex items-center gap-2 lg:table-cell lg:min-w-[9rem]">
          <Scope rule={rule} order={order} />
          {linked && <span className="ml-1.5 rounded bg-sky-100 px-1.5 py-px text-[10px] font-medium text-sky-800">linked</span>}
        </td>
        {RULE_FIELDS.map((f) => {
          const v = rule[f];
          return (
            // In a card its label comes first (a pseudo-element: the cell's text stays its value).
            <td
              key={f}
              data-field={f}
              data-set={v !== null}
              data-label={fieldLabel(f)}
              className={`text-sm whitespace-nowrap tabular-nums before:text-xs before:text-slate-500 before:content-[attr(data-label)] lg:table-cell lg:text-right lg:before:hidden ${v !== null ? "flex items-baseline justify-between gap-2 sm:justify-start" : "hidden"}`}
            >
              {v !== null ? (
                <span className="font-medium text-slate-900">{formatField(f, v)}</span>
              ) : isDefault ? (
                <span className="text-slate-300" title={`Not set: ${fallbackText(f)}`}>
                  —
                </span>
              ) : (
                <span className="text-xs text-slate-400 italic" title="Not set here: a broader rule decides">
                  inherits
                </span>
              )}
            </td>
          );
        })}
        {summary && <td className="col-span-full text-xs text-slate-400 italic lg:hidden">{summary}</td>}
        <td className="col-span-full min-w-0 text-xs lg:table-cell lg:whitespace-nowrap">
          {/* Card: "Last changed 2 min. ago by ana@…"; table: who, then when, under "Last changed". */}
          <div className="lg:flex lg:flex-col">
            <span className="text-slate-500 lg:hidden">Last changed </span>
            <time dateTime={rule.updatedAt} title={formatAbsolute(rule.updatedAt)} className="text-slate-400 lg:order-last">
              {formatRelative(rule.updatedAt, now)}
            </time>
            {rule.updatedBy ? (
              <>
                <span className="text-slate-500 lg:hidden"> by </span>
                <span className="inline-block max-w-[70%] truncate align-bottom text-slate-700 lg:block lg:max-w-[11rem]" title={rule.updatedBy}>
                  {rule.updatedBy}
                </span>
              </>
            ) : (
              <span className="hidden text-slate-400 lg:block">—</span>
            )}
          </div>
        </td>
        <td className={`col-span-full lg:table-cell lg:text-right lg:whitespace-nowrap ${canWrite ? "" : "hidden"}`}>
          {canWrite && (
            <div className="flex items-center gap-1.5 pt-1 lg:justify-end lg:gap-1 lg:pt-0">
              <button type="button" onClick={onEdit} aria-label={`Edit ${name}`} data-testid="rule-edit" className={smallBtn}>
                Edit
              </button>
              <button
                ref={deleteRef}
                type="button"
                onClick={() => setConfirming((c) => !c)}
                aria-expanded={confirming}
                aria-label={`Delete ${name}`}
                data-testid="rule-delete"
                className="rounded-md px-2 py-0.5 text-xs font-medium text-rose-700 hover:bg-rose-50 aria-expanded:bg-rose-600 aria-expanded:text-white"
              >
                Delete
              </button>
            </div>
          )}
        </td>
      </tr>
      {confirming && (
        <tr className="block bg-slate-50 lg:table-row [&>td]:border-b [&>td]:border-slate-100">
          <td colSpan={RULE_COLUMNS} className="block px-3 pb-2.5 lg:table-cell">
            <RuleDeleteConfirm
              rule={rule}
              onDone={(r) => {
                setConfirming(false);
                onDeleted(r);
              }}
              onCancel={() => {
                setConfirming(false);
                setTimeout(() => deleteRef.current?.focus());
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}
