import type { StockEvent, TrustedSources } from "./types";

/**
 * The fold order of docs/QUANTITY-MODEL.md §4: occurredAt, then source precedence (lower precedence first, so the
 * most trusted absolute of an instant is applied last and wins), then version, then source, then id.
 * The last two only make the order total; deltas commute, so they never change a number.
 */
export function compareEvents(a: StockEvent, b: StockEvent, trusted: TrustedSources): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt - b.occurredAt;
  const pa = precedence(a.source, trusted);
  const pb = precedence(b.source, trusted);
  if (pa !== pb) return pa - pb;
  const v = compareVersions(a.version ?? null, b.version ?? null);
  if (v !== 0) return v;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The source of the count workflow's approvals (docs/RECONCILIATION.md#numbers): trusted at every location whatever
 * its `trustedSources` say, because a person counting the shelf is the truth a WMS is measured
 * against. It also outranks every listed source at the same instant.
 */
export const ONEPOOL_COUNTS_SOURCE = "onepool-counts";

/** Higher is more trusted. Untrusted sources rank lowest (their absolutes never move a number anyway). */
export function precedence(source: string, trusted: TrustedSources): number {
  if (source === ONEPOOL_COUNTS_SOURCE) return trusted.length + 1;
  if (trusted.length === 0) return 0;
  const i = trusted.indexOf(source);
  return i < 0 ? -1 : trusted.length - i;
}

export function isTrusted(source: string, trusted: TrustedSources): boolean {
  return trusted.length === 0 || source === ONEPOOL_COUNTS_SOURCE || trusted.includes(source);
}

/** Versions are digit strings that may exceed 2^53; null sorts first. */
export function compareVersions(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
