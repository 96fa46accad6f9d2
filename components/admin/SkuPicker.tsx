"use client";

import { useId, useState } from "react";
import type { SkuRow } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { useSkuPicker } from "@/hooks/use-sku-picker";

/**
 * A SKU search box with a list of matches (ARIA combobox): type to search codes, names and tags,
 * ↑/↓ to move, Enter to choose, Esc to close the list (a second Esc cancels).
 */
export function SkuPicker({
  value,
  onChange,
  onCancel,
  inputRef,
  label,
}: {
  value: SkuRow | null;
  onChange(sku: SkuRow | null): void;
  onCancel(): void;
  inputRef?: React.Ref<HTMLInputElement>;
  label: string;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(true);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 200);
  const search = useSkuPicker(q, open);
  const items = search.data?.items ?? [];
  const settled = !search.isPlaceholderData && q === text.trim();
  const choose = (sku: SkuRow) => {
    onChange(sku);
    setText(sku.code);
    setOpen(false);
  };

  return (
    <div className="relative w-full max-w-md">
      <input
        ref={inputRef}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && items[active] ? `${id}-opt-${active}` : undefined}
        value={text}
        placeholder="Search SKU code, name or tag"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => !value && setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (!open) return setOpen(true);
            const n = items.length;
            if (n) setActive((a) => (a + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
          } else if (e.key === "Enter") {
            if (open && items[active]) {
              e.preventDefault();
              choose(items[active]);
            }
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            if (open && items.length) setOpen(false);
            else onCancel();
          }
        }}
        className="h-8 w-full rounded-md border border-slate-300 bg-white px-2 font-mono text-sm shadow-xs placeholder:font-sans placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none"
      />
      {open && (
        <ul
          id={`${id}-list`}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern: the input owns focus and points at options with aria-activedescendant
          role="listbox"
          aria-label="Matching SKUs"
          data-testid="sku-options"
          className="absolute top-full z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {search.isError && !search.data ? (
            <li className="px-3 py-2 text-xs text-rose-700">The SKU search failed. Type again to retry.</li>
          ) : !search.data ? (
            <li className="px-3 py-2 text-xs text-slate-500">Searching…</li>
          ) : items.length === 0 && settled ? (
            <li className="px-3 py-2 text-xs text-slate-500" data-testid="sku-picker-empty">
              No SKU matches “{q}”. Every word must appear in a SKU&apos;s code, name or tags: try fewer words. A product that is not in the catalogue yet cannot be chosen; whoever maintains your
              catalogue can add it.
            </li>
          ) : (
            items.map((s, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: an option of the combobox: keys are handled by its input (arrows, Enter), a click picks it
              <li
                key={s.code}
                id={`${id}-opt-${i}`}
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox pattern
                role="option"
                aria-selected={i === active}
                data-sku={s.code}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(s)}
                onMouseEnter={() => setActive(i)}
                className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 ${i === active ? "bg-sky-50" : ""}`}
              >
                <span className="font-mono font-medium text-slate-900">{s.code}</span>
                <span className="min-w-0 flex-1 truncate text-xs text-slate-500">{s.name}</span>
                <span className="text-xs text-slate-400 tabular-nums">{formatInt(s.availableReal)} avail.</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
