// Rule audit entries for one channel. The audit target is `rule:<id>`, so the channel is read from
// the entry itself (details, or the rule before/after), falling back to the rules known on the page.
import type { AuditEntryView } from "@/components/api/types";
import { RULE_FIELDS } from "./rule-form";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (o: unknown, k: string): string | null => (isObject(o) && typeof o[k] === "string" ? (o[k] as string) : null);

const lookup = (e: AuditEntryView, k: string) => str(e.details, k) ?? str(e.after, k) ?? str(e.before, k);

export function isOnChannel(e: AuditEntryView, channel: string, ruleIds: ReadonlySet<string>): boolean {
  const c = lookup(e, "channel");
  if (c !== null) return c === channel;
  return ruleIds.has(e.target.replace(/^rule:/, ""));
}

/** "tag fragile", "SKU ABC-1", "channel default", from whatever the entry carries. */
export function entryScope(e: AuditEntryView): string {
  const sku = lookup(e, "sku");
  if (sku) return `SKU ${sku}`;
  const tag = lookup(e, "tag");
  if (tag) return `tag ${tag}`;
  return "channel default";
}

export const entryVerb = (action: string) => (action === "rule.created" ? "Created" : action === "rule.deleted" ? "Deleted" : action === "rule.updated" ? "Changed" : action);

/**
 * Only the rule fields, so the diff shows what moved rather than version and timestamps. A creation
 * or deletion lists only the fields it set.
 */
export function ruleFieldsOnly(v: unknown, dropEmpty: boolean): Record<string, unknown> | null {
  if (!isObject(v)) return null;
  const out: Record<string, unknown> = {};
  for (const f of RULE_FIELDS) if (f in v && !(dropEmpty && (v[f] === null || v[f] === undefined))) out[f] = v[f];
  return out;
}
