import "server-only";
import type pg from "pg";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { alertSubjectSchema, muteSchema, unmuteSchema } from "@/lib/contracts/alerts";
import { subjectCodes, subjectFields, subjectKey, subjectProblem, type AlertSubject } from "@/lib/alerts/subject";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { announceAlertChanges } from "./announce-alert-change";

// Mutes (docs/ALERTS.md): a merchandiser or above silences a (kind, subject) until a time. The alert
// still opens and resolves, flagged muted (destinations skip it). Setting a mute again moves its end.

type SubjectInput = z.infer<typeof alertSubjectSchema>;

export interface MuteView {
  kind: string;
  sku?: string;
  channel?: string;
  location?: string;
  source?: string;
  listing?: { channel: string; externalId: string };
  until: string;
  by: string;
  createdAt: string;
}

/** Codes → ids, each unknown code a 400 naming its field; then the subject must be the one its kind is about. */
async function resolveSubject(db: Pick<pg.PoolClient, "query">, input: SubjectInput): Promise<{ subject: AlertSubject; key: string }> {
  const subject: AlertSubject = {};
  const lookup = async (table: "sku" | "channel" | "location", value: string) => {
    const r = await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE code = $1`, [value]);
    if (!r.rows[0]) throw new AdminError(400, `unknown_${table}`, `no ${table === "sku" ? "SKU" : table} "${value}"`, table);
    return r.rows[0].id;
  };
  if (input.sku !== undefined) subject.skuId = await lookup("sku", input.sku);
  if (input.channel !== undefined) subject.channelId = await lookup("channel", input.channel);
  if (input.location !== undefined) subject.locationId = await lookup("location", input.location);
  // Sources and unmapped listings need not be registered (canonical senders, unknown listings): taken as given.
  if (input.source !== undefined) subject.source = input.source;
  if (input.listing !== undefined) subject.listing = input.listing;
  const problem = subjectProblem(input.kind, subjectFields(subject));
  if (problem) throw new AdminError(400, "invalid_subject", problem, "kind");
  return { subject, key: subjectKey(subject) };
}

/** The subject by its codes, for the audit log (the key holds ids, which people cannot read). */
const subjectDetails = (input: SubjectInput) => ({
  kind: input.kind,
  ...subjectCodes(input),
  // The listing as one string, in its place among the fields.
  ...(input.listing && { listing: `${input.listing.channel}/${input.listing.externalId}` }),
});

const view = (input: SubjectInput, until: Date, by: string, createdAt: Date): MuteView => ({
  kind: input.kind,
  ...subjectCodes(input),
  until: until.toISOString(),
  by,
  createdAt: createdAt.toISOString(),
});

async function announceFor(db: pg.PoolClient, kind: string, key: string, change: "muted" | "unmuted"): Promise<void> {
  const a = await db.query<{ id: string }>("SELECT id::text FROM alert WHERE kind = $1 AND subject_key = $2", [kind, key]);
  if (a.rows[0]) await announceAlertChanges(db, [{ id: a.rows[0].id, change }]);
}

export async function muteAlert(pool: pg.Pool, input: z.infer<typeof muteSchema>, actor: Actor): Promise<MuteView> {
  return inTransaction(pool, async (db) => {
    const { key } = await resolveSubject(db, input);
    const until = new Date(input.until);
    const before = await db.query<{ until: Date }>("SELECT until FROM alert_mute WHERE kind = $1 AND subject_key = $2 AND until > now() FOR UPDATE", [input.kind, key]);
    const saved = await db.query<{ created_at: Date }>(
      `INSERT INTO alert_mute (kind, subject_key, until, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, subject_key) DO UPDATE SET until = EXCLUDED.until, created_by = EXCLUDED.created_by, created_at = now()
       RETURNING created_at`,
      [input.kind, key, until, actor.label],
    );
    await recordAudit(db, {
      actor,
      action: "alert.muted",
      target: `alert_mute:${input.kind}:${key}`,
      details: subjectDetails(input),
      before: { until: before.rows[0]?.until.toISOString() ?? null },
      after: { until: until.toISOString() },
    });
    await announceFor(db, input.kind, key, "muted");
    return view(input, until, actor.label, saved.rows[0].created_at);
  });
}

/** Unmute: 404 when the (kind, subject) is not muted now. */
export async function unmuteAlert(pool: pg.Pool, input: z.infer<typeof unmuteSchema>, actor: Actor): Promise<{ kind: string; unmuted: true }> {
  return inTransaction(pool, async (db) => {
    const { key } = await resolveSubject(db, input);
    const gone = await db.query<{ until: Date }>("DELETE FROM alert_mute WHERE kind = $1 AND subject_key = $2 RETURNING until", [input.kind, key]);
    const was = gone.rows[0];
    if (!was || was.until.getTime() <= Date.now()) throw new AdminError(404, "not_muted", `this ${input.kind} subject is not muted`);
    await recordAudit(db, {
      actor,
      action: "alert.unmuted",
      target: `alert_mute:${input.kind}:${key}`,
      details: subjectDetails(input),
      before: { until: was.until.toISOString() },
      after: { until: null },
    });
    await announceFor(db, input.kind, key, "unmuted");
    return { kind: input.kind, unmuted: true };
  });
}

/** Mutes in force now, by their subjects' codes, soonest end first. */
export async function getMutes(db: Pick<pg.Pool, "query">): Promise<MuteView[]> {
  const r = await db.query<{ kind: string; subject_key: string; until: Date; created_by: string; created_at: Date }>(
    "SELECT kind, subject_key, until, created_by, created_at FROM alert_mute WHERE until > now() ORDER BY until, kind, subject_key",
  );
  const codes = async (table: "sku" | "channel" | "location", ids: number[]) =>
    new Map((await db.query<{ id: number; code: string }>(`SELECT id, code FROM ${table} WHERE id = ANY($1)`, [ids])).rows.map((x) => [x.id, x.code]));
  const parsed = r.rows.map((row) => ({ row, parts: Object.fromEntries(row.subject_key.split("/").map((p) => [p.slice(0, p.indexOf(":")), p.slice(p.indexOf(":") + 1)])) }));
  const ids = (f: string) => parsed.flatMap((p) => (p.parts[f] ? [Number(p.parts[f])] : []));
  const [skus, channels, locations] = await Promise.all([codes("sku", ids("sku")), codes("channel", ids("channel")), codes("location", ids("location"))]);
  return parsed.map(({ row, parts }) => {
    const listing = parts.listing?.split(":").map(decodeURIComponent);
    return {
      kind: row.kind,
      ...(parts.sku && { sku: skus.get(Number(parts.sku)) ?? `#${parts.sku}` }),
      ...(parts.channel && { channel: channels.get(Number(parts.channel)) ?? `#${parts.channel}` }),
      ...(parts.location && { location: locations.get(Number(parts.location)) ?? `#${parts.location}` }),
      ...(parts.source && { source: decodeURIComponent(parts.source) }),
      ...(listing && { listing: { channel: listing[0], externalId: listing[1] } }),
      until: row.until.toISOString(),
      by: row.created_by,
      createdAt: row.created_at.toISOString(),
    };
  });
}
