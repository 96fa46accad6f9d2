"use client";

import Link from "next/link";
import type { SenderHealth } from "@/client/api/types";
import { formatInt } from "@/client/format/numbers";
import { ERROR_RATE_LIMIT, formatPercent, judgeSender } from "./health";
import { HealthFigures } from "./HealthFigures";
import { HealthPill } from "./HealthPill";
import { LastEventStat } from "./LastEventStat";
import { Stat } from "@/components/ui/Stat";
import { senderAnchor } from "./source-anchors";

/**
 * A canonical sender (POST /api/events with a connector token): not registered, so no URL or
 * secrets; its health is this server's count of the last hour, with links to what it left behind.
 */
export function SenderCard({ sender: s, now, highlighted }: { sender: SenderHealth; now: number; highlighted: boolean }) {
  const verdict = judgeSender(s, now);
  const id = senderAnchor(s.source);
  return (
    <article
      id={id}
      data-testid="sender-card"
      data-source={s.source}
      data-highlighted={highlighted || undefined}
      aria-labelledby={`${id}-title`}
      className={`scroll-mt-16 rounded-lg border border-dashed bg-white px-4 py-3 shadow-xs ${highlighted ? "border-sky-400 ring-2 ring-sky-400" : "border-slate-300"}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <h3 id={`${id}-title`} className="font-mono text-[15px] font-semibold break-all text-slate-900">
          {s.source}
        </h3>
        <HealthPill verdict={verdict} />
      </header>
      <HealthFigures of="sender" name={s.source} verdict={verdict} eventsPerMinute={s.eventsPerMinute} className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3">
        <LastEventStat
          at={s.lastEventAt}
          now={now}
          tone={verdict.level === "quiet" ? "text-amber-700" : "text-slate-900"}
          none={s.rejectedLastHour > 0 ? "all rejected" : "none in 1 h"}
          noneHint="No event taken in the last hour"
          testId="sender-last"
        />
        <Stat
          size="sm"
          label="Rejected 1 h"
          tone={s.errorRate > ERROR_RATE_LIMIT ? "text-rose-700" : "text-slate-900"}
          hint="Events rejected over the last hour, of every event received"
          testId="sender-rejected"
        >
          {formatInt(s.rejectedLastHour)}{" "}
          <span className="text-[11px] font-normal text-slate-500">
            of {formatInt(s.eventsLastHour)}
            {s.eventsLastHour > 0 ? ` · ${formatPercent(s.errorRate)}` : ""}
          </span>
        </Stat>
      </HealthFigures>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
        <Link
          href={`/admin/rejections?source=${encodeURIComponent(s.source)}`}
          className="font-medium text-slate-700 underline decoration-slate-300 underline-offset-2 hover:text-slate-900"
          data-testid="sender-rejections-link"
        >
          Rejections from {s.source}
        </Link>
        {s.parkedLastHour > 0 && (
          <Link href="/admin/unmapped" className="font-medium text-slate-700 underline decoration-slate-300 underline-offset-2 hover:text-slate-900">
            {formatInt(s.parkedLastHour)} parked for unmapped listings
          </Link>
        )}
      </p>
    </article>
  );
}
