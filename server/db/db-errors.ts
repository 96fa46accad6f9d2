import "server-only";

// What a failed query means for the answer: the database away (503, retry), or a read stopped by
// its statement_timeout (503 naming the limit). Checked on pg's SQLSTATE / errno, and on the
// messages pg-pool and Prisma use when they carry no code.

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection due to administrator command|Client has encountered a connection error|Can't reach database server/i;

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = codeOf(err) ?? codeOf((err as { cause?: unknown } | null)?.cause);
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  return UNAVAILABLE_TEXT.test(err instanceof Error ? err.message : String(err));
}

/** SQLSTATE 57014: the statement ran past statement_timeout (the read pool's limit). */
export function isStatementTimeout(err: unknown): boolean {
  return codeOf(err) === "57014" || /canceling statement due to statement timeout/i.test(err instanceof Error ? err.message : String(err));
}
