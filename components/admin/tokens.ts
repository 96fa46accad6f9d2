import type { TokenScope, TokenView } from "@/client/api/types";

// Connector token rules shared by the table, the forms and the tests' expectations.

export type TokenStatus = "active" | "expiring" | "expired" | "revoked";

/** A token ending within this window (an overlap after rotation, or the end of its life) is "expiring". */
export const EXPIRING_WITHIN_MS = 7 * 86_400_000 + 60_000;

export function tokenStatus(t: TokenView, now: number): TokenStatus {
  if (t.revokedAt) return "revoked";
  if (!t.active || (t.expiresAt && new Date(t.expiresAt).getTime() <= now)) return "expired";
  if (t.expiresAt && new Date(t.expiresAt).getTime() - now <= EXPIRING_WITHIN_MS) return "expiring";
  return "active";
}

export const TOKEN_STATUS: Record<TokenStatus, { label: string; cls: string; hint: string }> = {
  active: { label: "Active", cls: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", hint: "Accepted" },
  expiring: { label: "Active · expiring", cls: "bg-amber-50 text-amber-800 ring-amber-600/25", hint: "Accepted until it expires, within 7 days (an overlap after rotation, or the end of its life)" },
  expired: { label: "Expired", cls: "bg-slate-100 text-slate-600 ring-slate-400/25", hint: "Refused with 401 token_expired" },
  revoked: { label: "Revoked", cls: "bg-slate-100 text-slate-600 ring-slate-400/25", hint: "Refused with 401 token_revoked" },
};

export const TOKEN_SCOPES: readonly TokenScope[] = ["ingest", "read", "reserve", "catalog", "metrics", "admin"];

/** What each scope lets a token do (server/auth/connector-tokens.ts and the routes that check it). */
export const SCOPE_INFO: Record<TokenScope, { label: string; help: string; cls: string }> = {
  ingest: { label: "ingest", help: "Post canonical events (POST /api/events), within the sources, event types and locations below. Nothing else.", cls: "bg-sky-50 text-sky-800 ring-sky-600/20" },
  read: { label: "read", help: "Read the stock API and join the live stock rooms (reads need a signed-in person or a token).", cls: "bg-slate-50 text-slate-700 ring-slate-500/20" },
  reserve: { label: "reserve", help: "Hold units for checkouts: POST, GET and DELETE /api/reservations, for the channels below.", cls: "bg-violet-50 text-violet-800 ring-violet-600/20" },
  catalog: {
    label: "catalog",
    help: "Load the catalogue (PUT /api/catalog): SKUs, locations (sellable, trusted sources), channels and listing mappings.",
    cls: "bg-amber-50 text-amber-800 ring-amber-600/20",
  },
  metrics: {
    label: "metrics",
    help: "Scrape GET /metrics (Prometheus): ingest, lag, outbox and pool figures, no stock. For your monitoring system.",
    cls: "bg-teal-50 text-teal-800 ring-teal-600/20",
  },
  admin: { label: "admin", help: "Manage sources, secrets, mappings, rejections and tokens — including issuing more admin tokens.", cls: "bg-rose-50 text-rose-800 ring-rose-600/20" },
};
