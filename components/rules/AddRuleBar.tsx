"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { Rule } from "@/client/api/types";
import { SkuPicker } from "@/components/admin/SkuPicker";
import { inputCls, primaryBtn, secondaryBtn, smallBtn } from "@/components/ui/form-styles";
import { TextInput } from "@/components/ui/TextInput";
import type { NewScope } from "./rule-form";

type Panel = "tag" | "sku" | null;
const TOGGLES = [
  { panel: "tag", label: "Add tag rule", testId: "add-tag-rule" },
  { panel: "sku", label: "Add SKU override", testId: "add-sku-override" },
] as const;

/**
 * Set the default, add a tag rule (tag from the catalogue) or a SKU override (SKU search). A scope
 * that already has a rule opens that rule instead: one rule per scope.
 */
export function AddRuleBar({ channel, rules, tags, onNew, onEdit }: { channel: string; rules: Rule[]; tags: string[] | null; onNew(scope: NewScope): void; onEdit(rule: Rule): void }) {
  const id = useId();
  const [panel, setPanel] = useState<Panel>(null);
  // The tag is only chosen here: the rule's own fields are checked by the editor it opens.
  const { register, handleSubmit, watch, reset, setFocus } = useForm<{ tag: string }>({ defaultValues: { tag: "" } });
  const tag = watch("tag");
  const skuRef = useRef<HTMLInputElement>(null);
  const hasDefault = rules.some((r) => r.scope === "channel");
  const tagRule = (t: string) => rules.find((r) => r.scope === "tag" && r.tag === t);
  const free = tags?.filter((t) => !tagRule(t)) ?? null;

  useEffect(() => {
    if (panel === "tag") setFocus("tag");
    if (panel === "sku") skuRef.current?.focus();
  }, [panel, setFocus]);
  // A different channel: whatever was being added belonged to the other one.
  useEffect(() => {
    setPanel(null);
    reset();
  }, [channel, reset]);

  const toggle = (p: Panel) => setPanel((cur) => (cur === p ? null : p));
  const chooseTag = ({ tag: typed }: { tag: string }) => {
    const t = typed.trim();
    if (!t) return;
    const existing = tagRule(t);
    setPanel(null);
    reset();
    if (existing) onEdit(existing);
    else onNew({ channel, tag: t });
  };

  return (
    <div className="mb-3">
      <div className="flex flex-wrap items-center gap-1.5">
        {!hasDefault && (
          <button type="button" onClick={() => onNew({ channel })} className={smallBtn} data-testid="set-default">
            Set channel default
          </button>
        )}
        {TOGGLES.map((t) => (
          <button
            key={t.panel}
            type="button"
            onClick={() => toggle(t.panel)}
            aria-expanded={panel === t.panel}
            className={`${smallBtn} aria-expanded:border-slate-900 aria-expanded:bg-slate-900 aria-expanded:text-white`}
            data-testid={t.testId}
          >
            {t.label}
          </button>
        ))}
      </div>

      {panel === "tag" && (
        <form
          className="mt-2 flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white px-3 py-2.5"
          onSubmit={(e) => void handleSubmit(chooseTag)(e)}
          onKeyDown={(e) => e.key === "Escape" && setPanel(null)}
          data-testid="add-tag-panel"
        >
          <div className="w-64">
            <label htmlFor={`${id}-tag`} className="block text-xs font-medium text-slate-700">
              Tag
            </label>
            {tags === null ? (
              <TextInput id={`${id}-tag`} className="mt-1" {...register("tag")} placeholder="e.g. fragile" data-testid="tag-input" />
            ) : (
              <select id={`${id}-tag`} className={`${inputCls} mt-1`} {...register("tag")} data-testid="tag-select">
                <option value="">{tags.length === 0 ? "No tags in the catalogue" : free?.length === 0 ? "Every tag has a rule" : "Choose a tag…"}</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                    {tagRule(t) ? " (has a rule: edit it)" : ""}
                  </option>
                ))}
              </select>
            )}
          </div>
          <p className="min-w-[12rem] flex-1 text-xs text-slate-500">
            {tags?.length === 0
              ? "SKUs get their tags from the catalogue, which an admin keeps; none carries a tag yet."
              : "Applies to every SKU with the tag. A new tag rule comes after the existing ones: they win where both set a field."}
          </p>
          <span className="flex gap-1.5">
            <button type="submit" disabled={!tag.trim()} className={primaryBtn}>
              {tag && tagRule(tag.trim()) ? "Edit its rule" : "Continue"}
            </button>
            <button type="button" onClick={() => setPanel(null)} className={secondaryBtn}>
              Cancel
            </button>
          </span>
        </form>
      )}

      {panel === "sku" && (
        <div className="mt-2 rounded-md border border-slate-200 bg-white px-3 py-2.5" data-testid="add-sku-panel">
          <div className="flex flex-wrap items-center gap-2">
            <SkuPicker
              inputRef={skuRef}
              label="SKU to override"
              value={null}
              onChange={(s) => {
                if (!s) return;
                const existing = rules.find((r) => r.scope === "sku" && r.sku === s.code);
                setPanel(null);
                if (existing) onEdit(existing);
                else onNew({ channel, sku: s.code });
              }}
              onCancel={() => setPanel(null)}
            />
            <button type="button" onClick={() => setPanel(null)} className={secondaryBtn}>
              Cancel
            </button>
          </div>
          <p className="mt-1.5 text-xs text-slate-500">Choose a SKU: its override wins over tag rules and the default for the fields it sets. A SKU that already has one opens it.</p>
        </div>
      )}
    </div>
  );
}
