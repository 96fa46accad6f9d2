import type { Rule } from "@/components/api/types";
import { scopePhrase } from "./rule-labels";

/** The last rule change made on this page, kept only to offer its undo. */
export type LastChange = { kind: "created"; rule: Rule } | { kind: "updated"; before: Rule; after: Rule } | { kind: "deleted"; rule: Rule };

export const changedRule = (c: LastChange) => (c.kind === "updated" ? c.after : c.rule);

export function changeText(c: LastChange): string {
  const r = changedRule(c);
  const what = scopePhrase(r);
  const on = `on ${r.channel}`;
  if (c.kind === "created") return `Created ${what} ${on}`;
  if (c.kind === "deleted") return `Deleted ${what} ${on}`;
  return `Saved ${what} ${on}`;
}
