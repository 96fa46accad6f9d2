import "server-only";

/** A refused control change (people, rules, pauses, sources, secrets, tokens…): a precise 4xx, never a 500. */
export class AdminError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}
