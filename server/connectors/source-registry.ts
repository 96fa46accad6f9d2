import "server-only";
import type pg from "pg";
import type { SourceConfig } from "@/lib/connectors/types";
import { type Clock, systemClock } from "@/lib/time/clock";
import { TtlCache } from "@/lib/time/ttl-cache";
import { LastUsedMarker } from "@/server/db/last-used-marker";
import { sourceSecretContext, type SecretBox } from "./secret-box";
import { SOURCE_COLUMNS, sourceFields, type SourceRow } from "./source-fields";
import { loggerFor } from "@/server/log/logger";

const connectorLog = loggerFor("connectors");

export interface RegisteredSource extends SourceConfig {
  rateLimitPerMinute: number;
  notificationKeyHash: string | null;
  /** Shopify: the only shop (X-Shopify-Shop-Domain) whose deliveries are taken; null: any shop the secret signs for. */
  shopDomain: string | null;
  /** Secrets not revoked; `expiresAt` is checked at use, so an overlap ends on time, not on a cache refresh. */
  secrets: { id: string; value: string; expiresAt: number | null }[];
}

/**
 * Sources with their secrets opened, for the webhook path. Cached for a second (a revocation made
 * on another instance bites within a second; one made here is forgotten at once).
 */
export class SourceRegistry {
  private readonly cache: TtlCache<string, RegisteredSource | null>;
  /** Which secret verified a delivery, for the admin screen's "last used". */
  readonly secretUsed: LastUsedMarker;
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    ttlMs = 1000,
    private readonly clock: Clock = systemClock,
  ) {
    this.cache = new TtlCache(ttlMs, clock);
    this.secretUsed = new LastUsedMarker(pool, "UPDATE source_secret SET last_used_at = now() WHERE id = $1");
  }

  /** One read per source at a time; a read that a `forget` overtook is not cached (a revoked secret stays out). */
  get(code: string): Promise<RegisteredSource | null> {
    return this.cache.getOrLoad(code, (c) => this.load(c));
  }

  /** Secrets usable now, in the order they were added (newest last). */
  activeSecrets(source: RegisteredSource, nowMs = this.clock.now()): { id: string; value: string }[] {
    return source.secrets.filter((s) => s.expiresAt === null || s.expiresAt > nowMs);
  }

  forget(code?: string): void {
    if (code === undefined) this.cache.clear();
    else this.cache.delete(code);
  }

  private async load(code: string): Promise<RegisteredSource | null> {
    const r = await this.pool.query<SourceRow & { notification_key_hash: string | null }>(
      `SELECT ${SOURCE_COLUMNS}, s.notification_key_hash FROM source s LEFT JOIN channel c ON c.id = s.channel_id WHERE s.code = $1`,
      [code],
    );
    const row = r.rows[0];
    if (!row) return null;
    const secrets = await this.pool.query<{ id: string; sealed: string; expires_at: Date | null }>(
      "SELECT id, sealed, expires_at FROM source_secret WHERE source_code = $1 AND revoked_at IS NULL ORDER BY created_at, id",
      [code],
    );
    return {
      ...sourceFields(row),
      notificationKeyHash: row.notification_key_hash,
      secrets: secrets.rows.flatMap((s) => {
        try {
          return [{ id: s.id, value: this.box.open(s.sealed, sourceSecretContext(code, s.id)), expiresAt: s.expires_at?.getTime() ?? null }];
        } catch {
          // Sealed under another key (ONEPOOL_SECRET_KEY changed): unusable, and said so once per load.
          connectorLog.error({ secretId: s.id, source: code }, "a source's secret cannot be opened with this server's key (ONEPOOL_SECRET_KEY / .data/secret.key changed?)");
          return [];
        }
      }),
    };
  }
}
