import "server-only";
import type pg from "pg";
import type { Env } from "@/server/env";
import { createMailTransport, type MailTransport } from "@/server/mail/mail-transport";
import { sendScorecardMails, type ScorecardBuilder, type ScorecardMailDeps, type SendResult } from "./send-scorecard-mails";
import { loggerFor } from "@/server/log/logger";

const mailLog = loggerFor("scorecard-mail");

export const TICK_MS = 60_000;

/**
 * Every instance runs one: a light timer that sends the due week's e-mail (Monday 08:00 local,
 * then until everyone has it). Start-up runs a tick at once, so a Monday missed while the server
 * was down goes out when it comes back (for the current last complete week only).
 */
export class ScorecardMailScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SendResult | null> | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly deps: ScorecardMailDeps,
    private readonly opts: { now?: () => Date; intervalMs?: number; log?: (m: string) => void } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? TICK_MS);
    this.timer.unref();
  }

  /** One pass; overlapping calls share the pass in flight. Never throws: a failure is logged once until it changes. */
  tick(): Promise<SendResult | null> {
    this.running ??= (async () => {
      try {
        const r = await sendScorecardMails(this.deps, { now: this.opts.now?.() ?? new Date() });
        this.lastError = null;
        if (r.sent || r.failed) this.log(`Weekly scorecard ${r.week}: ${r.sent} e-mail(s) sent, ${r.failed} failed (retried later).`);
        return r;
      } catch (err) {
        const m = err instanceof Error ? err.message : String(err);
        if (m !== this.lastError) mailLog.error({ err }, "a send pass failed");
        this.lastError = m;
        return null;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.deps.transport.close();
  }

  private log(m: string) {
    (this.opts.log ?? ((x: string) => mailLog.info(x)))(m);
  }
}

/** From the environment: off (said once) without ONEPOOL_SMTP_URL. */
export function startScorecardMail(env: Env, pool: pg.Pool, log: (m: string) => void, opts: { transport?: MailTransport; build?: ScorecardBuilder } = {}): { stop(): Promise<void> } {
  if (!env.ONEPOOL_SMTP_URL && !opts.transport) {
    log("Weekly scorecard e-mail is off: ONEPOOL_SMTP_URL is not set.");
    return { stop: async () => {} };
  }
  const transport = opts.transport ?? createMailTransport(env.ONEPOOL_SMTP_URL!);
  const scheduler = new ScorecardMailScheduler({ pool, transport, from: env.ONEPOOL_MAIL_FROM, timezone: env.ONEPOOL_TIMEZONE, build: opts.build, publicUrl: env.ONEPOOL_PUBLIC_URL }, { log });
  scheduler.start();
  return { stop: () => scheduler.stop() };
}
