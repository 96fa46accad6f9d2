import "server-only";
import { requireCatalogId } from "@/server/catalog/find-catalog-id";
import type { Republisher } from "@/server/publishing/publisher";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { getRule, type RuleView } from "@/server/queries/get-rules";
import { RULE_FIELD_NAMES, type CreateRuleInput, type RuleFieldsInput, type UpdateRuleInput, minAboveMax } from "@/lib/contracts/rules";
import { announceChange } from "@/server/realtime/announce-change";

// Given a publisher (the API), a change returns once every published number reflects it; the demo
// seed passes none and recomputes once after all its changes.

// Creating, changing and deleting channel rules (docs/CHANNEL-RULES.md): one rule per scope, versioned edits
// (a stale version is 409, never a silent overwrite), nothing half-saved, every change audited
// with before and after.

const COLUMNS: Record<keyof RuleFieldsInput, string> = {
  bufferUnits: "buffer_units",
  bufferPercent: "buffer_percent",
  dynamicK: "dynamic_k",
  reserveUnits: "reserve_units",
  reservePercent: "reserve_percent",
  floor: "floor",
  minQty: "min_qty",
  maxQty: "max_qty",
};

function checkBounds(fields: { minQty?: number | null; maxQty?: number | null }): void {
  if (minAboveMax(fields)) {
    throw new AdminError(400, "invalid_field", `minQty: ${fields.minQty} is above maxQty ${fields.maxQty}`, "minQty");
  }
}

const fieldsOf = (r: RuleView): RuleFieldsInput => Object.fromEntries(RULE_FIELD_NAMES.map((f) => [f, f === "dynamicK" ? (r.dynamicK === null ? null : String(r.dynamicK)) : r[f]])) as RuleFieldsInput;
const describe = (r: RuleView) => ({ channel: r.channel, scope: r.scope, sku: r.sku, tag: r.tag });
function changedFields(before: RuleView, after: RuleView) {
  const keys = RULE_FIELD_NAMES.filter((f) => before[f] !== after[f]);
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

export async function createRule(pool: pg.Pool, input: CreateRuleInput, actor: Actor, publisher?: Republisher): Promise<RuleView> {
  checkBounds(input);
  const saved = await inTransaction(pool, async (db) => {
    const channelId = await requireCatalogId(db, "channel", input.channel);
    // One rule per scope: concurrent creations for one channel take turns.
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.rules'), $1)", [channelId]);
    const skuId = input.sku ? await requireCatalogId(db, "sku", input.sku) : null;
    if (input.tag && !(await db.query("SELECT 1 FROM sku WHERE $1 = ANY(tags) LIMIT 1", [input.tag])).rowCount) {
      throw new AdminError(400, "unknown_tag", `no SKU carries the tag "${input.tag}"`, "tag");
    }
    const existing = await db.query<{ id: string }>("SELECT id::text FROM channel_rule WHERE channel_id = $1 AND sku_id IS NOT DISTINCT FROM $2 AND tag IS NOT DISTINCT FROM $3", [
      channelId,
      skuId,
      input.tag ?? null,
    ]);
    if (existing.rows[0]) throw new AdminError(409, "rule_exists", "this scope already has a rule: change that one", undefined, { id: existing.rows[0].id });
    const values = RULE_FIELD_NAMES.map((f) => input[f] ?? null);
    const ins = await db.query<{ id: string }>(
      `INSERT INTO channel_rule (channel_id, sku_id, tag, ${RULE_FIELD_NAMES.map((f) => COLUMNS[f]).join(", ")}, updated_by, updated_at)
       VALUES ($1, $2, $3, ${RULE_FIELD_NAMES.map((_, i) => `$${i + 4}`).join(", ")}, $${RULE_FIELD_NAMES.length + 4}, now()) RETURNING id::text`,
      [channelId, skuId, input.tag ?? null, ...values, actor.label],
    );
    const rule = (await getRule(db, ins.rows[0].id))!;
    await recordAudit(db, { actor, action: "rule.created", target: `rule:${rule.id}`, details: describe(rule), after: fieldsOf(rule) });
    await announceChange(db, { kind: "rules" });
    return rule;
  });
  await publisher?.recomputeAll();
  return saved;
}

export async function updateRule(pool: pg.Pool, id: string, input: UpdateRuleInput, actor: Actor, publisher?: Republisher): Promise<RuleView> {
  const saved = await inTransaction(pool, async (db) => {
    const before = await getRule(db, id, true);
    if (!before) throw new AdminError(404, "not_found", `no rule ${id}`);
    if (before.version !== input.version) {
      throw new AdminError(409, "stale_version", `this rule was changed meanwhile (now version ${before.version}, you edited ${input.version}): reload it and apply your change again`, "version", {
        current: before,
      });
    }
    const merged = { ...fieldsOf(before) };
    for (const f of RULE_FIELD_NAMES) if (input[f] !== undefined) (merged as Record<string, unknown>)[f] = input[f];
    checkBounds(merged);
    await db.query(
      `UPDATE channel_rule SET ${RULE_FIELD_NAMES.map((f, i) => `${COLUMNS[f]} = $${i + 2}`).join(", ")}, version = version + 1, updated_at = now(), updated_by = $${RULE_FIELD_NAMES.length + 2} WHERE id = $1`,
      [id, ...RULE_FIELD_NAMES.map((f) => merged[f] ?? null), actor.label],
    );
    const after = (await getRule(db, id))!;
    await recordAudit(db, { actor, action: "rule.updated", target: `rule:${id}`, details: { ...describe(after), version: after.version }, ...changedFields(before, after) });
    await announceChange(db, { kind: "rules" });
    return after;
  });
  await publisher?.recomputeAll();
  return saved;
}

export async function deleteRule(pool: pg.Pool, id: string, version: number | null, actor: Actor, publisher?: Republisher): Promise<{ id: string; deleted: true }> {
  const saved = await inTransaction(pool, async (db) => {
    const before = await getRule(db, id, true);
    if (!before) throw new AdminError(404, "not_found", `no rule ${id}`);
    if (version !== null && before.version !== version) {
      throw new AdminError(409, "stale_version", `this rule was changed meanwhile (now version ${before.version}): reload it before deleting`, "version", { current: before });
    }
    await db.query("DELETE FROM channel_rule WHERE id = $1", [id]);
    await recordAudit(db, { actor, action: "rule.deleted", target: `rule:${id}`, details: describe(before), before: fieldsOf(before) });
    await announceChange(db, { kind: "rules" });
    return { id, deleted: true as const };
  });
  await publisher?.recomputeAll();
  return saved;
}
