import "server-only";
import type pg from "pg";
import type { SecretBox } from "@/server/connectors/secret-box";
import { hashNotificationKey, upsertSource, type SourceInput } from "@/server/connectors/upsert-source";
import { AdminError } from "@/server/http/admin-error";
import { DEMO_SOURCES, type DemoSourceSpec } from "./demo-sources";

interface Held {
  code: string;
  provider: string;
  channel: string | null;
  locations: Record<string, string> | null;
  application_id: string | null;
  user_id: string | null;
  notification_key_hash: string | null;
  fingerprints: string[];
}

const sameMap = (a: Record<string, string> | null, b: Record<string, string>) => {
  const x = Object.entries(a ?? {}).sort(([k1], [k2]) => k1.localeCompare(k2));
  const y = Object.entries(b).sort(([k1], [k2]) => k1.localeCompare(k2));
  return JSON.stringify(x) === JSON.stringify(y);
};

/** Registered exactly as the demo needs it: nothing to write (no audit row per start). */
function upToDate(held: Held | undefined, spec: DemoSourceSpec, box: SecretBox): boolean {
  return (
    held !== undefined &&
    held.provider === spec.provider &&
    held.channel === spec.channel &&
    sameMap(held.locations, spec.locations) &&
    held.application_id === (spec.applicationId ?? null) &&
    held.user_id === (spec.userId ?? null) &&
    held.notification_key_hash === (spec.notificationKey ? hashNotificationKey(spec.notificationKey) : null) &&
    box.fingerprints(spec.secret).some((fp) => held.fingerprints.includes(fp))
  );
}

/**
 * Register the demo's connector sources (DEMO ONLY secrets, see demo-sources.ts) through the same
 * function as PUT /api/sources/<code>. Idempotent: a source already registered as the demo needs it
 * is left alone; one that differs is brought back to the demo's settings. Needs the demo catalogue
 * (its channels and locations) to exist. Returns the codes it wrote.
 */
export async function registerDemoSources(pool: pg.Pool, box: SecretBox, log: (m: string) => void = () => {}): Promise<string[]> {
  const held = await pool.query<Held>(
    `SELECT s.code, s.provider, c.code AS channel, s.locations, s.application_id, s.user_id, s.notification_key_hash,
            ARRAY(SELECT x.fingerprint FROM source_secret x
                   WHERE x.source_code = s.code AND x.revoked_at IS NULL AND (x.expires_at IS NULL OR x.expires_at > now())) AS fingerprints
       FROM source s LEFT JOIN channel c ON c.id = s.channel_id
      WHERE s.code = ANY($1::text[])`,
    [DEMO_SOURCES.map((s) => s.code)],
  );
  const byCode = new Map(held.rows.map((r) => [r.code, r]));
  const written: string[] = [];
  for (const spec of DEMO_SOURCES) {
    if (upToDate(byCode.get(spec.code), spec, box)) continue;
    const input: SourceInput = {
      provider: spec.provider,
      channel: spec.channel,
      secrets: [spec.secret],
      locations: spec.locations,
      applicationId: spec.applicationId ?? null,
      userId: spec.userId ?? null,
      notificationKey: spec.notificationKey ?? null,
    };
    try {
      await upsertSource(pool, box, spec.code, input, { kind: "system", id: null, label: "demo seed" });
      written.push(spec.code);
    } catch (err) {
      // A source of that code registered for another provider is somebody's real set-up: leave it,
      // the simulator then posts that source's events canonically (it falls back on 404).
      if (err instanceof AdminError && err.code === "provider_mismatch") {
        log(`Demo source "${spec.code}" left as it is: ${err.message}`);
        continue;
      }
      throw err;
    }
  }
  if (written.length) log(`Registered demo connector sources (demo-only secrets): ${written.join(", ")}.`);
  return written;
}
