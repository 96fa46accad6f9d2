import "server-only";

/** A refused control change (people, rules, pauses, sources, secrets, tokens…): a precise 4xx, never a 500. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** `field` and `details` together, as the error shape's `details` (undefined when there are none). */
  get detailsForResponse(): Record<string, unknown> | undefined {
    const details = { ...(this.field ? { field: this.field } : {}), ...this.details };
    return Object.keys(details).length ? details : undefined;
  }
}
