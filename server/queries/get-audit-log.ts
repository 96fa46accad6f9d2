import "server-only";
import type pg from "pg";
import { z } from "zod";
import { idPageFields } from "@/lib/contracts/id-page";

export const auditQuerySchema = z
  .object({
    /** Part of who: an email, "token:<name>", "system". */
    actor: z.string().trim().max(200).optional(),
    /** An action ("person.role_changed") or its subject ("person"). */
    action: z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z_.]*$/, "letters, _ and . only")
      .optional(),
    /** Part of the target ("person:<id>", "source:shopify-main", "listing:amazon/B0…"), or of what it is about: a channel, SKU, tag, email or token name. */
    target: z.string().trim().max(300).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    ...idPageFields("an entry id"),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  actorKind: "user" | "token" | "system";
  actorId: string | null;
  action: string;
  target: string;
  details: unknown;
  before: unknown;
  after: unknown;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  actor_kind: AuditEntryView["actorKind"];
  actor_id: string | null;
  action: string;
  target: string;
  details: unknown;
  before: unknown;
  after: unknown;
}
// `id` goes out as text (a bigint is not a JS number). Sort by `audit_log.id`: a bare `ORDER BY id`
// would sort by this text alias ("9" > "25") while the cursor compares numbers.
export const AUDIT_COLUMNS = "id::text, at, actor, actor_kind, actor_id, action, target, details, before, after";
export const toAuditEntry = (e: AuditRow): AuditEntryView => ({
  id: e.id,
  at: e.at.toISOString(),
  actor: e.actor,
  actorKind: e.actor_kind,
  actorId: e.actor_id,
  action: e.action,
  target: e.target,
  details: e.details,
  before: e.before,
  after: e.after,
});

/** Newest first, filtered; `nextCursor` is null on the last page. */
export async function getAuditLog(pool: pg.Pool, q: AuditQuery): Promise<{ entries: AuditEntryView[]; nextCursor: string | null; actions: string[] }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace("?", `$${args.length}`));
  };
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (q.actor) add("actor ILIKE ?", like(q.actor));
  if (q.action) q.action.includes(".") ? add("action = ?", q.action) : add("split_part(action, '.', 1) = ?", q.action);
  if (q.target) {
    // The target key ("pause:1", "rule:7") says nothing readable: also match what it is about, so
    // "rappi" finds the rappi pause and rules, and an email finds the person (one parameter, reused).
    args.push(like(q.target));
    const p = `$${args.length}`;
    where.push(
      `(target ILIKE ${p} OR details->>'channel' ILIKE ${p} OR details->>'sku' ILIKE ${p} OR details->>'tag' ILIKE ${p} OR details->>'email' ILIKE ${p} OR details->>'name' ILIKE ${p} OR after->>'email' ILIKE ${p})`,
    );
  }
  if (q.from) add("at >= ?", new Date(q.from));
  if (q.to) add("at < ?", new Date(q.to));
  if (q.cursor) add("id < ?", q.cursor);
  args.push(q.limit + 1);
  const [rows, actions] = await Promise.all([
    pool.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
        ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY audit_log.id DESC LIMIT $${args.length}`,
      args,
    ),
    pool.query<{ action: string }>("SELECT DISTINCT action FROM audit_log ORDER BY action"),
  ]);
  const page = rows.rows.slice(0, q.limit);
  return {
    entries: page.map(toAuditEntry),
    nextCursor: rows.rows.length > q.limit ? page[page.length - 1].id : null,
    actions: actions.rows.map((r) => r.action),
  };
}
