import "server-only";
import { parseRetryAfter } from "@/lib/outbound/retry-schedule";
import type pg from "pg";
import { rebuildProjections } from "@/server/projection/rebuild-projections";
import type { EventSender } from "./event-sender";

export interface Check {
  ok: boolean;
  what: string;
}

/**
 * What a fault must never break, checked on the database itself: every event the server answered
 * 2xx for is in the ledger exactly once (after the resend, every event is), a resend of what was
 * acknowledged got `duplicate`, and the live projection equals a replay of the ledger (the same
 * comparison as `npm run rebuild -- --check`).
 */
export async function checkLedger(pool: pg.Pool, sender: EventSender, source: string): Promise<Check[]> {
  const checks: Check[] = [];
  const ids = sender.all().map((e) => e.id);
  const rows = await pool.query<{ event_id: string; n: string }>("SELECT event_id, count(*) AS n FROM event WHERE source = $1 AND event_id = ANY($2) GROUP BY event_id", [source, ids]);
  const counts = new Map(rows.rows.map((r) => [r.event_id, Number(r.n)]));
  const acked = sender.acknowledgedBeforeResend();
  const missing = acked.filter((e) => counts.get(e.id) !== 1);
  checks.push({
    ok: missing.length === 0,
    what: `${acked.length} events answered 2xx before the resend (before a kill or outage, during, after): each in the ledger exactly once${
      missing.length
        ? ` (NOT: ${missing
            .slice(0, 5)
            .map((e) => e.id)
            .join(", ")}…)`
        : ""
    }`,
  });
  const twice = [...counts].filter(([, n]) => n !== 1);
  checks.push({ ok: twice.length === 0 && counts.size === ids.length, what: `${ids.length} events sent in all: ${counts.size} in the ledger, ${twice.length} more than once` });
  checks.push(...resendChecks(sender));
  const replay = await rebuildProjections(pool, { write: false });
  checks.push({ ok: replay.differences.length === 0, what: `live projection equals a replay of the ledger (${replay.events} events, ${replay.levels} levels, ${replay.differences.length} differ)` });
  return checks;
}

/** The answers themselves: no 500, every 503 with Retry-After, nothing hung, and the resend's outcomes. */
export function answerChecks(sender: EventSender, hangMs: number): Check[] {
  const answers = sender.answers();
  const counts = sender.statusCounts();
  const bad = answers.filter((a) => a.status !== 0 && a.status !== 202 && a.status !== 503);
  const noRetry = answers.filter((a) => a.status === 503 && !((parseRetryAfter(a.retryAfter, Date.now()) ?? 0) > 0));
  const slowest = Math.max(0, ...answers.map((a) => a.ms));
  return [
    { ok: bad.length === 0, what: `answers: ${JSON.stringify(counts)} (0 = no answer: the server was killed or away); only 202 and 503 expected` },
    { ok: noRetry.length === 0, what: `every 503 carried Retry-After (${noRetry.length} did not)` },
    { ok: slowest < hangMs, what: `no request hung: the slowest answer took ${slowest} ms (limit ${hangMs} ms)` },
  ];
}

export function resendChecks(sender: EventSender): Check[] {
  let wrong = 0;
  let dupes = 0;
  let notStored = 0;
  for (const b of sender.batches) {
    const last = b.answers[b.answers.length - 1];
    if (last?.status !== 202) {
      notStored += b.events.length;
      continue;
    }
    const ackedBefore = b.answers.slice(0, -1).some((a) => a.status >= 200 && a.status < 300);
    for (const r of last.results) {
      if (r.status === "duplicate") dupes++;
      if (ackedBefore ? r.status !== "duplicate" : r.status !== "accepted" && r.status !== "duplicate") wrong++;
    }
  }
  return [
    { ok: notStored === 0, what: `the resend of every batch was answered 202 (${notStored} events were not)` },
    { ok: wrong === 0, what: `resent events already acknowledged came back "duplicate" (${dupes} duplicates, ${wrong} wrong outcomes)` },
  ];
}
