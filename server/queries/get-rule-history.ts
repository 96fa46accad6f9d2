import "server-only";
import type pg from "pg";
import { AUDIT_COLUMNS, toAuditEntry, type AuditEntryView, type AuditRow } from "./get-audit-log";

/**
 * The rule changes of one channel, newest first: who changed what, when, before and after. Open
 * to everyone who reads the rules (merchandisers work from it); the whole audit log stays with
 * managers and admins.
 */
export async function getRuleHistory(pool: pg.Pool, channel: string, limit: number): Promise<AuditEntryView[]> {
  const r = await pool.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE action IN ('rule.created', 'rule.updated', 'rule.deleted') AND details->>'channel' = $1 ORDER BY audit_log.id DESC LIMIT $2`,
    [channel, limit],
  );
  return r.rows.map(toAuditEntry);
}
