import "server-only";
import type pg from "pg";
import type { AlertKind, AlertState } from "@/lib/alerts/kinds";

// The alerts as GET /api/alerts answers them (docs/API.md): subjects by their codes, ids as strings,
// and whether the (kind, subject) is muted now (destinations skip muted alerts; the UI greys them).

export interface AlertView {
  id: string;
  kind: AlertKind;
  state: AlertState;
  sku?: string;
  channel?: string;
  location?: string;
  source?: string;
  listing?: { channel: string; externalId: string };
  value: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  openedAt: string;
  resolvedAt?: string;
  openings: number;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  muted: boolean;
  mutedUntil?: string;
}

export interface AlertFilter {
  state?: "open" | "resolved" | "all";
  kind?: AlertKind;
  sku?: string;
  channel?: string;
  location?: string;
  source?: string;
  /** The unmapped listing's channel code and external id. */
  listingChannel?: string;
  listingExternalId?: string;
  ids?: string[];
  limit?: number;
}

type Row = {
  id: string;
  kind: AlertKind;
  state: AlertState;
  sku: string | null;
  channel: string | null;
  location: string | null;
  source: string | null;
  listing_channel: string | null;
  listing_external_id: string | null;
  value: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date;
  opened_at: Date;
  resolved_at: Date | null;
  openings: number;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  muted_until: Date | null;
};

function view(r: Row): AlertView {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    ...(r.sku !== null && { sku: r.sku }),
    ...(r.channel !== null && { channel: r.channel }),
    ...(r.location !== null && { location: r.location }),
    ...(r.source !== null && { source: r.source }),
    ...(r.listing_channel !== null && r.listing_external_id !== null && { listing: { channel: r.listing_channel, externalId: r.listing_external_id } }),
    value: r.value,
    firstSeenAt: r.first_seen_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    openedAt: r.opened_at.toISOString(),
    ...(r.resolved_at && { resolvedAt: r.resolved_at.toISOString() }),
    openings: r.openings,
    ...(r.acknowledged_by !== null && { acknowledgedBy: r.acknowledged_by }),
    ...(r.acknowledged_at && { acknowledgedAt: r.acknowledged_at.toISOString() }),
    muted: r.muted_until !== null,
    ...(r.muted_until && { mutedUntil: r.muted_until.toISOString() }),
  };
}

/** Open ones first (newest activity first), then resolved; at most `limit` (default 200). */
export async function getAlerts(db: Pick<pg.Pool, "query">, f: AlertFilter = {}): Promise<AlertView[]> {
  const rows = await db.query<Row>(
    `SELECT a.id::text, a.kind, a.state, s.code AS sku, c.code AS channel, l.code AS location, a.source, a.listing_channel, a.listing_external_id,
            a.value, a.first_seen_at, a.last_seen_at, a.opened_at, a.resolved_at, a.openings, a.acknowledged_by, a.acknowledged_at, m.until AS muted_until
       FROM alert a
       LEFT JOIN sku s ON s.id = a.sku_id
       LEFT JOIN channel c ON c.id = a.channel_id
       LEFT JOIN location l ON l.id = a.location_id
       LEFT JOIN alert_mute m ON m.kind = a.kind AND m.subject_key = a.subject_key AND m.until > now()
      WHERE ($1::text IS NULL OR a.state = $1)
        AND ($2::text IS NULL OR a.kind = $2)
        AND ($3::text IS NULL OR s.code = $3)
        AND ($4::text IS NULL OR c.code = $4)
        AND ($5::text IS NULL OR l.code = $5)
        AND ($6::text IS NULL OR a.source = $6)
        AND ($7::text IS NULL OR a.listing_channel = $7)
        AND ($8::text IS NULL OR a.listing_external_id = $8)
        AND ($9::bigint[] IS NULL OR a.id = ANY($9))
      ORDER BY (a.state = 'open') DESC, a.last_seen_at DESC, a.id DESC
      LIMIT $10`,
    [
      f.state === "all" || f.state === undefined ? null : f.state,
      f.kind ?? null,
      f.sku ?? null,
      f.channel ?? null,
      f.location ?? null,
      f.source ?? null,
      f.listingChannel ?? null,
      f.listingExternalId ?? null,
      f.ids ?? null,
      f.limit ?? 200,
    ],
  );
  return rows.rows.map(view);
}

/** Open alerts per kind, and how many of them are muted (the header badge counts the others). */
export async function countOpenAlerts(db: Pick<pg.Pool, "query">): Promise<{ total: number; muted: number; byKind: Record<string, number> }> {
  const r = await db.query<{ kind: string; n: number; muted: number }>(
    `SELECT a.kind, count(*)::int AS n, count(m.kind)::int AS muted
       FROM alert a LEFT JOIN alert_mute m ON m.kind = a.kind AND m.subject_key = a.subject_key AND m.until > now()
      WHERE a.state = 'open' GROUP BY a.kind`,
  );
  return {
    total: r.rows.reduce((t, x) => t + x.n, 0),
    muted: r.rows.reduce((t, x) => t + x.muted, 0),
    byKind: Object.fromEntries(r.rows.map((x) => [x.kind, x.n])),
  };
}
