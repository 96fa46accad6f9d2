"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import type { Rule } from "@/components/api/types";
import { formatAbsolute, formatRelative } from "@/components/format/time";
import { smallBtn } from "@/components/ui/form-styles";
import { RULE_FIELDS } from "./rule-form";
import { fallbackText, formatField } from "./rule-labels";
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

/** One rule: each field as set, or greyed when inherited; who changed it last; edit and delete (with confirm) for writers. */
export function RuleRow({ rule, order, now, canWrite, recent, onEdit, onDeleted }: { rule: Rule; order?: number; now: number; canWrite: boolean; recent: boolean; onEdit(): void; onDeleted(rule: Rule): void }) {
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const isDefault = !rule.sku && !rule.tag;
  return (
    <>
      <tr
        data-testid="rule-row"
        data-scope={rule.scope}
        data-id={rule.id}
        data-tag={rule.tag ?? undefined}
        data-sku={rule.sku ?? undefined}
        data-version={rule.version}
        data-recent={recent || undefined}
        className={`align-middle text-slate-700 transition-colors [&>td]:px-3 [&>td]:py-2 ${confirming ? "bg-slate-50" : "[&>td]:border-b [&>td]:border-slate-100"} ${recent ? "bg-emerald-50/60" : ""}`}
      >
        <td className="min-w-[9rem]">
          <Scope rule={rule} order={order} />
        </td>
        {RULE_FIELDS.map((f) => {
          const v = rule[f];
          return (
            <td key={f} data-field={f} data-set={v !== null} className="text-right text-sm whitespace-nowrap tabular-nums">
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
        <td className="text-xs whitespace-nowrap">
          <span className="block max-w-[11rem] truncate text-slate-700" title={rule.updatedBy ?? undefined}>
            {rule.updatedBy ?? <span className="text-slate-400">—</span>}
          </span>
          <time dateTime={rule.updatedAt} title={formatAbsolute(rule.updatedAt)} className="text-slate-400">
            {formatRelative(rule.updatedAt, now)}
          </time>
        </td>
        <td className="text-right whitespace-nowrap">
          {canWrite && (
            <div className="flex items-center justify-end gap-1">
              <button type="button" onClick={onEdit} aria-label={`Edit the rule for ${rule.sku ?? rule.tag ?? "every SKU"}`} data-testid="rule-edit" className={smallBtn}>
                Edit
              </button>
              <button
                ref={deleteRef}
                type="button"
                onClick={() => setConfirming((c) => !c)}
                aria-expanded={confirming}
                aria-label={`Delete the rule for ${rule.sku ?? rule.tag ?? "every SKU"}`}
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
        <tr className="bg-slate-50 [&>td]:border-b [&>td]:border-slate-100">
          <td colSpan={RULE_COLUMNS} className="px-3 pb-2.5">
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
