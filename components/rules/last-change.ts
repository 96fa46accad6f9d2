import type { Rule } from "@/client/api/types";
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

/** What Undo did, once it is done: "Undone: the channel default on web is back to what it was." */
export function undoneText(c: LastChange): string {
  const r = changedRule(c);
  const what = `${scopePhrase(r)} on ${r.channel}`;
  if (c.kind === "updated") return `Undone: ${what} is back to what it was.`;
  if (c.kind === "created") return `Undone: ${what} is deleted again.`;
  // A restored tag rule is created anew, so it now comes after the other tag rules.
  return r.tag ? `Undone: ${what} is back, now as the newest tag rule (earlier ones win where both set a field).` : `Undone: ${what} is back.`;
}
