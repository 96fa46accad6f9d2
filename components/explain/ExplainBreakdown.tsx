"use client";

import Link from "next/link";
import type { PublishedChannel } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { LatencyText } from "@/components/outbound/LatencyText";
import { pauseSummary } from "@/components/pauses/pause-text";
import { explainSteps, formatUnits } from "./explain-steps";
import { ExplainLine, RuleLinks, rulesHref } from "./ExplainLine";

/** One channel's published number as a small calculation, each rule-set field linked to its rule. */
export function ExplainBreakdown({ c, all }: { c: PublishedChannel; all: PublishedChannel[] }) {
  const s = explainSteps(c);
  const src = c.sources;
  const others = Object.entries(c.reserves).filter(([, r]) => r > 0);
  const note = (on: boolean, text: string) => (s.consistent && on ? text : undefined);
  const pct = c.base > 0 && c.buffer.percent > 0 ? ` (${formatUnits((c.buffer.percent / c.base) * 100)}% of ${formatInt(c.base)})` : "";
  const term = (t: typeof s.appliedTerm) => (s.appliedTerm === t ? "applied" : "plain");
  // Rules cited anywhere in this SKU's breakdown, by id (a reserve line cites another channel's rule).
  const rules = new Map(all.flatMap((x) => x.rules ?? []).map((r) => [r.id, r]));

  return (
    <div className="space-y-2">
      <div>
        <ExplainLine label="Available real" note="Σ over sellable locations of max(0, available)" value={formatInt(c.availableReal)} />
        {others.length === 0 ? (
          <ExplainLine op="−" label="Reserved for other channels" value="0" tone="muted" />
        ) : (
          others.map(([other, units]) => {
            const o = all.find((x) => x.channel === other);
            return (
              <ExplainLine key={other} op="−" label={<>Reserved for {other}</>} value={formatInt(units)}>
                <RuleLinks ids={[o?.sources.reserveUnits, o?.sources.reservePercent]} rules={rules} />
              </ExplainLine>
            );
          })
        )}
        <ExplainLine
          op="="
          label="Base"
          value={<span data-testid="explain-base">{formatInt(c.base)}</span>}
          tone="total"
          note={note(c.reservedForOthers > c.availableReal, "Reserves exceed available real: never below 0.")}
        />
      </div>

      <div>
        <p className="mb-0.5 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Buffer · the largest term applies</p>
        <ExplainLine label="Fixed units" value={formatUnits(c.buffer.units)} tone={term("units")}>
          <RuleLinks ids={[src.bufferUnits]} rules={rules} />
        </ExplainLine>
        <ExplainLine label={`Percent of base${pct}`} value={formatUnits(c.buffer.percent)} tone={term("percent")}>
          <RuleLinks ids={[src.bufferPercent]} rules={rules} />
        </ExplainLine>
        <ExplainLine
          label="Dynamic: k × velocity × latency"
          note={
            c.latency ? (
              <>
                latency <LatencyText latency={c.latency} />
              </>
            ) : undefined
          }
          value={formatUnits(c.buffer.dynamic)}
          tone={term("dynamic")}
        >
          <RuleLinks ids={[src.dynamicK]} rules={rules} />
        </ExplainLine>
        <ExplainLine
          op="−"
          label="Buffer applied"
          note={c.buffer.applied === 0 ? "No buffer." : Math.ceil(c.buffer.applied) !== c.buffer.applied ? "Rounded up to whole units." : undefined}
          value={
            <span data-testid="explain-buffer-applied" data-term={s.appliedTerm ?? "none"}>
              {Math.ceil(c.buffer.applied) !== c.buffer.applied && <span className="font-normal text-slate-500">{formatUnits(c.buffer.applied)} → </span>}
              {formatInt(Math.ceil(c.buffer.applied))}
            </span>
          }
        />
        <ExplainLine op="=" label="After buffer" value={formatInt(s.afterBuffer)} tone="total" />
      </div>

      <div>
        <p className="mb-0.5 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Limits</p>
        <ExplainLine
          label="Floor"
          note={note(s.floorHit, `Available real ${formatInt(c.availableReal)} is at or below it: publishes 0.`) ?? "At or below it in available real, publishes 0."}
          value={formatInt(c.floor)}
          tone={s.consistent && s.floorHit ? "applied" : "plain"}
        >
          <RuleLinks ids={[src.floor]} rules={rules} />
        </ExplainLine>
        <ExplainLine
          label="Min"
          note={note(s.minRaised && !s.floorHit && !c.pausedBy, "Raised to the minimum.")}
          value={formatInt(c.minQty)}
          tone={s.consistent && s.minRaised && !s.floorHit && !c.pausedBy ? "applied" : "plain"}
        >
          <RuleLinks ids={[src.minQty]} rules={rules} />
        </ExplainLine>
        <ExplainLine
          label="Max"
          note={note(s.maxCapped && !s.floorHit && !c.pausedBy, "Capped at the maximum.")}
          value={c.maxQty === null ? "none" : formatInt(c.maxQty)}
          tone={s.consistent && s.maxCapped && !s.floorHit && !c.pausedBy ? "applied" : c.maxQty === null ? "muted" : "plain"}
        >
          <RuleLinks ids={[src.maxQty]} rules={rules} />
        </ExplainLine>
        {s.consistent && s.baseCapped && !s.floorHit && !c.pausedBy && <ExplainLine label="Never above base" value={formatInt(c.base)} tone="applied" />}
      </div>

      {c.pausedBy ? (
        <div data-testid="explain-paused">
          <ExplainLine label="Paused" note={pauseSummary(c.pausedBy)} value="→ 0" tone="paused" />
        </div>
      ) : (
        <ExplainLine label="Pause" value="none" tone="muted" />
      )}

      <ExplainLine
        op="="
        label="Published"
        value={
          <span data-testid="explain-published" className="text-base">
            {formatInt(c.published)}
          </span>
        }
        tone="total"
      />

      <p className="text-[11px] text-slate-500">
        <Link href={rulesHref(c.channel)} className="text-sky-700 hover:underline">
          Rules for {c.channel}
        </Link>
        {Object.keys(src).length === 0 && " · no rule sets a field here: all defaults."}
      </p>
    </div>
  );
}
