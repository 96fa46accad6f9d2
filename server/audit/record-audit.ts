import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import type { AuditAction } from "@/lib/audit/actions";

export interface AuditEntry {
  actor: Actor;
  /** `<subject>.<verb>`, e.g. "person.role_changed": only actions with a label (lib/audit/actions.ts). */
  action: AuditAction;
  /** `<kind>:<id>` of what changed. */
  target: string;
  details?: unknown;
  /** The changed fields as they were, and as they are now (never secrets or hashes). */
  before?: unknown;
  after?: unknown;
}

/** One control change in the append-only audit log (docs/SECURITY.md): who, when, what, before and after. */
export async function recordAudit(db: pg.Pool | pg.PoolClient, entry: AuditEntry): Promise<void> {
  await db.query("INSERT INTO audit_log (actor, actor_kind, actor_id, action, target, details, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [
    entry.actor.label,
    entry.actor.kind,
    entry.actor.id,
    entry.action,
    entry.target,
    JSON.stringify(entry.details ?? {}),
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  ]);
}
