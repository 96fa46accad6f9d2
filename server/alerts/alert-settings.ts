import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { ALERT_KINDS } from "@/lib/alerts/kinds";
import { defaultAlertSettings, mergeSettings, overridesOf, SETTING_SCHEMAS, type AlertSettings, type AlertSettingsPatch } from "@/lib/alerts/settings";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";

// Stored alert settings: only what an admin changed from the defaults, one row per kind.

/** The settings every evaluation uses: stored overrides over the defaults of docs/ALERTS.md. */
export async function loadAlertSettings(db: Pick<pg.Pool, "query">, safetyDays: number): Promise<AlertSettings> {
  const r = await db.query<{ kind: string; settings: unknown }>("SELECT kind, settings FROM alert_setting");
  return mergeSettings(defaultAlertSettings(safetyDays), Object.fromEntries(r.rows.map((x) => [x.kind, x.settings])));
}

export interface AlertSettingsView {
  settings: AlertSettings;
  defaults: AlertSettings;
}

export async function getAlertSettings(db: Pick<pg.Pool, "query">, safetyDays: number): Promise<AlertSettingsView> {
  return { settings: await loadAlertSettings(db, safetyDays), defaults: defaultAlertSettings(safetyDays) };
}

/**
 * Change some fields of some kinds, in one transaction: each changed kind is one audit row with
 * its fields before and after. A field set back to its default is no longer stored.
 */
export async function saveAlertSettings(pool: pg.Pool, patch: AlertSettingsPatch, actor: Actor, safetyDays: number): Promise<AlertSettingsView> {
  const defaults = defaultAlertSettings(safetyDays);
  await inTransaction(pool, async (db) => {
    // One admin's change at a time: two saves of different fields of a kind must not lose one.
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.alert_settings'))");
    const current = await loadAlertSettings(db, safetyDays);
    for (const kind of ALERT_KINDS) {
      const change = patch[kind] as Record<string, unknown> | undefined;
      if (!change || Object.keys(change).length === 0) continue;
      const before = current[kind] as Record<string, unknown>;
      const next = SETTING_SCHEMAS[kind].safeParse({ ...before, ...change });
      if (!next.success) throw new AdminError(400, "invalid_field", `${kind}: ${next.error.issues[0].message}`, kind);
      const changed = Object.keys(change).filter((f) => before[f] !== (next.data as Record<string, unknown>)[f]);
      if (changed.length === 0) continue;
      const overrides = overridesOf(defaults, kind, next.data as never);
      if (Object.keys(overrides).length === 0) await db.query("DELETE FROM alert_setting WHERE kind = $1", [kind]);
      else {
        await db.query(
          `INSERT INTO alert_setting (kind, settings, updated_by, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (kind) DO UPDATE SET settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [kind, JSON.stringify(overrides), actor.label],
        );
      }
      await recordAudit(db, {
        actor,
        action: "alert_settings.updated",
        target: `alert_settings:${kind}`,
        before: Object.fromEntries(changed.map((f) => [f, before[f]])),
        after: Object.fromEntries(changed.map((f) => [f, (next.data as Record<string, unknown>)[f]])),
      });
    }
  });
  return { settings: await loadAlertSettings(pool, safetyDays), defaults };
}
