import type { ReactNode } from "react";
import { formatRate } from "@/client/format/numbers";
import { Stat } from "@/components/ui/Stat";
import type { HealthVerdict } from "./health";

/** What "Events / min" counts: a registered source's accepted events, or everything a canonical sender's posts were taken as. */
const RATE = {
  source: { hint: "Events accepted per minute, over the last 15 minutes", testId: "health-rate" },
  sender: { hint: "Events taken per minute (applied, parked or repeated), over the last 15 minutes", testId: "sender-rate" },
} as const;

/**
 * A source's or a sender's health figures: a `<dl>` named for screen readers by the verdict's
 * reasons, opening with the events per minute over the last 15 minutes; the card's other figures
 * follow (`children`, LastEventStat first).
 */
export function HealthFigures(p: { of: keyof typeof RATE; name: string; verdict: HealthVerdict; eventsPerMinute: number; className: string; children: ReactNode }) {
  const rate = RATE[p.of];
  return (
    <dl className={p.className} aria-label={`Health of ${p.name}: ${p.verdict.reasons.join("; ")}`}>
      <Stat size="sm" label="Events / min" hint={rate.hint} testId={rate.testId}>
        {formatRate(p.eventsPerMinute)}
      </Stat>
      {p.children}
    </dl>
  );
}
