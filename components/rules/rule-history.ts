// Rule audit entries for one channel. The audit target is `rule:<id>`, so the channel is read from
// the entry itself (details, or the rule before/after), falling back to the rules known on the page.
import type { AuditEntryView } from "@/client/api/types";
import { RULE_FIELDS } from "./rule-form";
import { formatField, type FieldChange } from "./rule-labels";

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

const isSet = (v: unknown): v is number | string => typeof v === "number" || (typeof v === "string" && v !== "");

/**
 * The rule fields an audit entry changed, in the form's order: what a creation set, what a
 * deletion removed, and each edit before → after.
 */
export function ruleChanges(action: string, before: unknown, after: unknown): FieldChange[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const out: FieldChange[] = [];
  for (const f of RULE_FIELDS) {
    const was = isSet(b[f]) ? formatField(f, b[f]) : null;
    const now = isSet(a[f]) ? formatField(f, a[f]) : null;
    if (action === "rule.created") {
      if (now !== null) out.push({ field: f, kind: "set", before: null, after: now });
    } else if (action === "rule.deleted") {
      if (was !== null) out.push({ field: f, kind: "removed", before: was, after: null });
    } else if (f in b || f in a) {
      if (was === now) continue;
      out.push({ field: f, kind: was === null ? "added" : now === null ? "removed" : "changed", before: was, after: now });
    }
  }
  return out;
}
