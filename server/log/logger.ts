import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { prettyFactory } from "pino-pretty";
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from "@/lib/log/levels";

// Structured logs (docs/OPERATIONS.md, "Logs"): one JSON object a line, with the request id of the
// request a line was written for. Created at import, from process.env (server/env.ts validates the
// same two settings at start and refuses bad values), so command-line tools log the same way.

const requests = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` as the handling of request `requestId`: every log line written inside carries it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requests.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requests.getStore()?.requestId;
}

const pick = <T extends string>(values: readonly T[], v: string | undefined, fallback: T): T => ((values as readonly string[]).includes(v ?? "") ? (v as T) : fallback);
const level: LogLevel = pick(LOG_LEVELS, process.env.ONEPOOL_LOG_LEVEL, "info");
const format: LogFormat = pick(LOG_FORMATS, process.env.ONEPOOL_LOG_FORMAT, "auto");
const pretty =
  format === "pretty" || (format === "auto" && process.stdout.isTTY === true)
    ? prettyFactory({ colorize: process.stdout.isTTY === true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", singleLine: true })
    : null;

type Tap = (line: string) => void;
const taps = new Set<Tap>();

/** Where lines go: stdout (JSON, or pretty on a terminal); taps see the JSON line whatever the format. */
class Sink extends Writable {
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    const line = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    for (const tap of taps) tap(line);
    process.stdout.write(pretty ? pretty(line) : line);
    done();
  }
}

export const logger: Logger = pino(
  {
    level,
    // No pid/hostname on every line: the process manager knows them. A worker of `npm start` names
    // itself (its pid, as in the x-onepool-worker header): several share one output.
    base: cluster.isWorker ? { worker: process.pid } : undefined,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    // Wherever a caller passes them by mistake, credentials are censored, never written.
    redact: {
      paths: [
        "authorization",
        "cookie",
        "token",
        "secret",
        "password",
        "*.authorization",
        "*.cookie",
        "*.token",
        "*.secret",
        "*.password",
        "headers.authorization",
        "headers.cookie",
        'headers["set-cookie"]',
      ],
      censor: "[redacted]",
    },
    serializers: { err: pino.stdSerializers.err },
  },
  new Sink(),
);

/** Tests: see every JSON line written from now on; returns the way to stop. */
export function tapLogLines(tap: Tap): () => void {
  taps.add(tap);
  return () => taps.delete(tap);
}

const children = new Set<Logger>();

/** A component's logger: every line names it (`component`), as the old "[ingest]" prefixes did. */
export function loggerFor(component: string): Logger {
  const child = logger.child({ component });
  children.add(child);
  return child;
}

/** Changes the level of every logger at once (a child keeps the level it was made with otherwise). */
export function setLogLevel(next: LogLevel): void {
  logger.level = next;
  for (const child of children) child.level = next;
}

/** An Error's message or the thrown value as text, for a log field. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
