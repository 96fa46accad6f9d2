import "server-only";

/** A refused control change (sources, secrets, tokens, re-submissions): a precise 4xx, never a 500. */
export class AdminError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}
