import "server-only";
import type { Provider } from "@/lib/connectors/types";

/** A source's own settings as both the registry and the admin list read them (`source s LEFT JOIN channel c`). */
export const SOURCE_COLUMNS = "s.code, s.provider, c.code AS channel, s.locations, s.application_id, s.user_id, s.shop_domain, s.rate_limit_per_minute";

export interface SourceRow {
  code: string;
  provider: Provider;
  channel: string | null;
  locations: Record<string, string> | null;
  application_id: string | null;
  user_id: string | null;
  shop_domain: string | null;
  rate_limit_per_minute: number;
}

export function sourceFields(row: SourceRow) {
  return {
    code: row.code,
    provider: row.provider,
    channel: row.channel,
    locations: row.locations ?? {},
    applicationId: row.application_id,
    userId: row.user_id,
    shopDomain: row.shop_domain,
    rateLimitPerMinute: row.rate_limit_per_minute,
  };
}
