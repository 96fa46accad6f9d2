import "server-only";
import type pg from "pg";
import { buildMailSummary, csvFilename } from "@/lib/scorecard-mail/mail-summary";
import { dueWeek } from "@/lib/scorecard-mail/send-time";
import type { Scorecard } from "@/lib/contracts/scorecard";
import { scorecardCsv } from "@/lib/scorecard/scorecard-csv";
import type { MailTransport } from "@/server/mail/mail-transport";
import { getScorecard } from "@/server/scorecard/get-scorecard";
import { READ_REPLAY_LIMIT, ScorecardPreparingError } from "@/server/scorecard/sku-weeks";
import { claimDelivery } from "./claim-delivery";
import { markDeliveryFailed, markDeliverySent } from "./finish-delivery";
import { listPendingRecipients } from "./list-pending-recipients";

/** One week's scorecard and its CSV: what every subscriber of that week is sent. */
export interface BuiltScorecard {
  scorecard: Scorecard;
  csv: string;
}
export type ScorecardBuilder = (pool: pg.Pool, week: string, timezone: string) => Promise<BuiltScorecard>;

/** The real one: the same JSON as GET /api/scorecard (with its bound on replays), and its CSV export. */
export const buildScorecard: ScorecardBuilder = async (pool, week, timezone) => {
  const scorecard = await getScorecard(pool, { week, timezone, maxReplay: READ_REPLAY_LIMIT });
  return { scorecard, csv: scorecardCsv(scorecard) };
};

export interface ScorecardMailDeps {
  pool: pg.Pool;
  transport: MailTransport;
  /** ONEPOOL_MAIL_FROM. */
  from: string;
  /** ONEPOOL_TIMEZONE: the weeks and Monday 08:00 are local there. */
  timezone: string;
  build?: ScorecardBuilder;
  /** Onepool's public URL, for a link to the scorecard page in the mail. */
  publicUrl?: string;
}

export interface SendResult {
  /** The week sent, or null when none is due at `now`. */
  week: string | null;
  sent: number;
  failed: number;
  /** The scorecard was still being prepared: nothing was claimed or sent, the next pass tries again. */
  preparing?: boolean;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)) || "unknown error";

/**
 * Send the due week's e-mail to every subscriber who has not had it (docs/SCORECARD.md#figures). Safe to run on
 * every instance at once: each (week, person) is claimed before its mail is sent and only the
 * claimer sends. `week` forces a week (ignores the Monday 08:00 rule); `now` is the clock.
 */
export async function sendScorecardMails(deps: ScorecardMailDeps, opts: { now: Date; week?: string }): Promise<SendResult> {
  const week = opts.week ?? dueWeek(opts.now, deps.timezone);
  if (!week) return { week: null, sent: 0, failed: 0 };
  const recipients = await listPendingRecipients(deps.pool, week, opts.now);
  if (!recipients.length) return { week, sent: 0, failed: 0 };

  // Built once for everyone; a failure is recorded on each claimed delivery (admins see why) and
  // retried with the same backoff as an SMTP failure.
  let built: BuiltScorecard | null = null;
  let buildError: string | null = null;
  try {
    built = await (deps.build ?? buildScorecard)(deps.pool, week, deps.timezone);
  } catch (err) {
    // The week's per-SKU figures are still being prepared (Monday's new week, a fresh start): wait
    // for them, claiming nobody, so no attempt is spent; the next tick (a minute) tries again.
    if (err instanceof ScorecardPreparingError) return { week, sent: 0, failed: 0, preparing: true };
    buildError = `building the scorecard failed: ${message(err)}`;
  }
  const summary = built && buildMailSummary(built.scorecard, { link: deps.publicUrl ? new URL(`/scorecard?week=${week}`, deps.publicUrl).toString() : undefined });

  let sent = 0;
  let failed = 0;
  for (const r of recipients) {
    const attempt = await claimDelivery(deps.pool, week, r.personId, opts.now);
    if (attempt === null) continue; // another instance has it, or it is done
    try {
      if (!built || !summary) throw new Error(buildError ?? "no scorecard");
      const info = await deps.transport.send({
        from: deps.from,
        to: r.email,
        subject: summary.subject,
        html: summary.html,
        text: summary.text,
        attachments: [{ filename: csvFilename(week), content: built.csv, contentType: "text/csv; charset=utf-8" }],
      });
      await markDeliverySent(deps.pool, week, r.personId, attempt, info.messageId, new Date());
      sent += 1;
    } catch (err) {
      await markDeliveryFailed(deps.pool, week, r.personId, attempt, message(err));
      failed += 1;
    }
  }
  return { week, sent, failed };
}
