/** Log levels (pino's names), for ONEPOOL_LOG_LEVEL; `silent` logs nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** ONEPOOL_LOG_FORMAT: one JSON object a line, pino-pretty's lines, or pretty only on a terminal. */
export const LOG_FORMATS = ["json", "pretty", "auto"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** A request id a client or proxy sent is kept only when it is short and plain: it lands in every log line. */
export function acceptableRequestId(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[A-Za-z0-9._:-]{1,64}$/.test(v) ? v : null;
}
