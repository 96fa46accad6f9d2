"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Rule } from "@/client/api/types";
import { SkuPicker } from "@/components/admin/SkuPicker";
import { inputCls, primaryBtn, secondaryBtn, smallBtn } from "@/components/ui/form-styles";
import type { NewScope } from "./rule-form";

type Panel = "tag" | "sku" | null;

/**
 * Set the default, add a tag rule (tag from the catalogue) or a SKU override (SKU search). A scope
 * that already has a rule opens that rule instead: one rule per scope.
 */
export function AddRuleBar({ channel, rules, tags, onNew, onEdit }: { channel: string; rules: Rule[]; tags: string[] | null; onNew(scope: NewScope): void; onEdit(rule: Rule): void }) {
  const id = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [tag, setTag] = useState("");
  const tagRef = useRef<HTMLSelectElement & HTMLInputElement>(null);
  const skuRef = useRef<HTMLInputElement>(null);
  const hasDefault = rules.some((r) => r.scope === "channel");
  const tagRule = (t: string) => rules.find((r) => r.scope === "tag" && r.tag === t);
  const free = tags?.filter((t) => !tagRule(t)) ?? null;

  useEffect(() => {
    if (panel === "tag") tagRef.current?.focus();
    if (panel === "sku") skuRef.current?.focus();
  }, [panel]);
  // A different channel: whatever was being added belonged to the other one.
  useEffect(() => {
    setPanel(null);
    setTag("");
  }, [channel]);

  const toggle = (p: Panel) => setPanel((cur) => (cur === p ? null : p));
  const chooseTag = () => {
    const t = tag.trim();
    if (!t) return;
    const existing = tagRule(t);
    setPanel(null);
    setTag("");
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
        <button
          type="button"
          onClick={() => toggle("tag")}
          aria-expanded={panel === "tag"}
          className={`${smallBtn} aria-expanded:border-slate-900 aria-expanded:bg-slate-900 aria-expanded:text-white`}
          data-testid="add-tag-rule"
        >
          Add tag rule
        </button>
        <button
          type="button"
          onClick={() => toggle("sku")}
          aria-expanded={panel === "sku"}
          className={`${smallBtn} aria-expanded:border-slate-900 aria-expanded:bg-slate-900 aria-expanded:text-white`}
          data-testid="add-sku-override"
        >
          Add SKU override
        </button>
      </div>

      {panel === "tag" && (
        <form
          className="mt-2 flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white px-3 py-2.5"
          onSubmit={(e) => {
            e.preventDefault();
            chooseTag();
          }}
          onKeyDown={(e) => e.key === "Escape" && setPanel(null)}
          data-testid="add-tag-panel"
        >
          <div className="w-64">
            <label htmlFor={`${id}-tag`} className="block text-xs font-medium text-slate-700">
              Tag
            </label>
            {tags === null ? (
              <input
                ref={tagRef}
                id={`${id}-tag`}
                className={`${inputCls} mt-1`}
                value={tag}
                onChange={(e) => setTag(e.target.value)}
                placeholder="e.g. fragile"
                autoComplete="off"
                spellCheck={false}
                data-testid="tag-input"
              />
            ) : (
              <select ref={tagRef} id={`${id}-tag`} className={`${inputCls} mt-1`} value={tag} onChange={(e) => setTag(e.target.value)} data-testid="tag-select">
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
