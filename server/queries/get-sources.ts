import "server-only";
import type pg from "pg";
import { SOURCE_COLUMNS, sourceFields } from "@/server/connectors/source-fields";

export interface SourceHealth {
  eventsPerMinute: number;
  deliveriesLastHour: number;
  errorRate: number;
  signatureFailures24h: number;
  lastEventAt: string | null;
  lastDeliveryAt: string | null;
}

export interface SourceView {
  code: string;
  provider: string;
  channel: string | null;
  locations: Record<string, string>;
  applicationId: string | null;
  userId: string | null;
  /** Shopify: the shop this source is bound to (null: any shop its secret signs for). */
  shopDomain: string | null;
  hasNotificationKey: boolean;
  rateLimitPerMinute: number;
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
  /** `hint` (the secret's last characters) is null for callers without connectors.manage. */
  secrets: { id: string; hint: string | null; createdAt: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null; active: boolean }[];
  health: SourceHealth;
}

const ERROR_OUTCOMES = ["rejected", "invalid_json", "unauthorized", "failed"];

/** Registered sources with their secrets (never their values) and health over the last hour / day. */
export async function getSources(pool: pg.Pool, code: string | undefined, opts: { secretHints: boolean }): Promise<SourceView[]> {
  const r = await pool.query(
    `SELECT ${SOURCE_COLUMNS}, s.notification_key_hash IS NOT NULL AS has_key, s.created_at, s.updated_at,
            COALESCE((SELECT json_agg(json_build_object('id', x.id, 'hint', x.hint, 'createdAt', x.created_at, 'expiresAt', x.expires_at,
                       'revokedAt', x.revoked_at, 'lastUsedAt', x.last_used_at,
                       'active', x.revoked_at IS NULL AND (x.expires_at IS NULL OR x.expires_at > now())) ORDER BY x.created_at)
                        FROM source_secret x WHERE x.source_code = s.code), '[]') AS secrets,
            h.events_15m, h.deliveries_1h, h.errors_1h, h.sig_failures_24h, h.last_event_at, h.last_delivery_at
       FROM source s
       LEFT JOIN channel c ON c.id = s.channel_id
       LEFT JOIN LATERAL (
         SELECT COALESCE(SUM(d.accepted) FILTER (WHERE d.received_at > now() - interval '15 minutes'), 0)::int AS events_15m,
                COUNT(*) FILTER (WHERE d.received_at > now() - interval '1 hour')::int AS deliveries_1h,
                COUNT(*) FILTER (WHERE d.received_at > now() - interval '1 hour' AND (d.outcome = ANY($2) OR d.rejected > 0))::int AS errors_1h,
                COUNT(*) FILTER (WHERE d.outcome = 'unauthorized')::int AS sig_failures_24h,
                MAX(d.received_at) FILTER (WHERE d.accepted > 0) AS last_event_at,
                MAX(d.received_at) AS last_delivery_at
           FROM webhook_delivery d WHERE d.source = s.code AND d.received_at > now() - interval '24 hours'
       ) h ON true
      WHERE $1::text IS NULL OR s.code = $1
      ORDER BY s.code`,
    [code ?? null, ERROR_OUTCOMES],
  );
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return r.rows.map((row) => ({
    ...sourceFields(row),
    hasNotificationKey: row.has_key,
    webhookPath: `/api/webhooks/${row.provider}/${row.code}`,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    secrets: (row.secrets as Record<string, unknown>[]).map((s) => ({
      id: String(s.id),
      hint: opts.secretHints ? String(s.hint) : null,
      createdAt: iso(s.createdAt)!,
      expiresAt: iso(s.expiresAt),
      revokedAt: iso(s.revokedAt),
      lastUsedAt: iso(s.lastUsedAt),
      active: Boolean(s.active),
    })),
    health: {
      eventsPerMinute: Math.round((row.events_15m / 15) * 10) / 10,
      deliveriesLastHour: row.deliveries_1h,
      errorRate: row.deliveries_1h > 0 ? row.errors_1h / row.deliveries_1h : 0,
      signatureFailures24h: row.sig_failures_24h,
      lastEventAt: iso(row.last_event_at),
      lastDeliveryAt: iso(row.last_delivery_at),
    },
  }));
}
