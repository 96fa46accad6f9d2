"use client";

import { useEffect, type RefObject } from "react";
import { Kbd } from "@/components/ui/Kbd";

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  onChange(value: string): void;
  /** ArrowDown from the box: move focus into the results. */
  onArrowDown?(): void;
  busy?: boolean;
}

const isTyping = (el: Element | null) => el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/** The SKU search: `/` focuses it from anywhere on the page, Esc clears it (then leaves it). */
export function SearchBox({ inputRef: ref, value, onChange, onArrowDown, busy }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey || isTyping(document.activeElement)) return;
      e.preventDefault();
      ref.current?.focus();
      ref.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ref]);

  return (
    <div className="relative w-full max-w-md">
      <svg aria-hidden viewBox="0 0 20 20" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400">
        <path fill="currentColor" d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64a.75.75 0 1 1-1.06 1.06l-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
      </svg>
      <input
        ref={ref}
        type="search"
        aria-label="Search SKUs by code, name or tag"
        placeholder="Search code, name or tag"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            if (value) onChange("");
            else e.currentTarget.blur();
          } else if (e.key === "ArrowDown" && onArrowDown) {
            e.preventDefault();
            onArrowDown();
          }
        }}
        autoComplete="off"
        spellCheck={false}
        className="h-8 w-full rounded-md border border-slate-300 bg-white pr-16 pl-8 text-sm shadow-xs placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none [&::-webkit-search-cancel-button]:hidden"
      />
      <span className="pointer-events-none absolute top-1/2 right-2 flex -translate-y-1/2 items-center gap-1.5">
        {busy && <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" />}
        {value ? <Kbd>Esc</Kbd> : <Kbd>/</Kbd>}
      </span>
    </div>
  );
}
