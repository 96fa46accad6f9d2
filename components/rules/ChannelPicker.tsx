"use client";

import { useRef } from "react";
import type { RulesChannel } from "./rules-catalog";

export const channelPanelId = (code: string) => `rules-panel-${code}`;
export const channelTabId = (code: string) => `rules-tab-${code}`;

/** One tab per catalogue channel (ARIA tabs: ←/→, Home/End move and select). */
export function ChannelPicker({ channels, value, onChange }: { channels: RulesChannel[]; value: string; onChange(code: string): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const move = (to: number) => {
    const c = channels[(to + channels.length) % channels.length];
    onChange(c.code);
    ref.current?.querySelector<HTMLElement>(`[data-channel="${CSS.escape(c.code)}"]`)?.focus();
  };
  const at = channels.findIndex((c) => c.code === value);
  return (
    <div
      ref={ref}
      role="tablist"
      aria-label="Channel"
      data-testid="channel-picker"
      onKeyDown={(e) => {
        const keys: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: channels.length - 1 };
        if (!(e.key in keys)) return;
        e.preventDefault();
        move(keys[e.key]);
      }}
      // Wraps rather than scrolls: every channel stays in sight at phone and tablet widths.
      className="mb-3 flex flex-wrap gap-x-1 border-b border-slate-200"
    >
      {channels.map((c) => {
        const selected = c.code === value;
        return (
          <button
            key={c.code}
            type="button"
            role="tab"
            id={channelTabId(c.code)}
            aria-selected={selected}
            aria-controls={channelPanelId(c.code)}
            tabIndex={selected ? 0 : -1}
            data-channel={c.code}
            data-testid="channel-tab"
            onClick={() => onChange(c.code)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${selected ? "border-emerald-600 text-slate-900" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800"}`}
          >
            {c.name || c.code}
            {c.name && c.name !== c.code && <span className="ml-1.5 hidden font-mono text-[11px] font-normal text-slate-400 xl:inline">{c.code}</span>}
          </button>
        );
      })}
    </div>
  );
}
