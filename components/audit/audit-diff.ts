// A compact before → after of an audit entry: the changed keys, one level into nested objects
// (so a catalogue change names the listing that moved rather than dumping both maps).

export interface DiffLine {
  path: string;
  kind: "changed" | "added" | "removed";
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const present = (v: unknown) => v !== undefined && v !== null;

export function diffLines(before: unknown, after: unknown, path = "", depth = 0): DiffLine[] {
  if (isObject(before) && isObject(after) && depth < 2) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffLines(before[k], after[k], path ? `${path}.${k}` : k, depth + 1));
  }
  // Only one side (a creation, a deletion): list its fields as they are.
  if (depth === 0 && isObject(after) && !present(before)) return Object.entries(after).map(([k, v]) => ({ path: k, kind: "added", after: v }));
  if (depth === 0 && isObject(before) && !present(after)) return Object.entries(before).map(([k, v]) => ({ path: k, kind: "removed", before: v }));
  if (same(before, after)) return [];
  const kind = !present(before) ? "added" : !present(after) ? "removed" : "changed";
  return [{ path: path || "value", kind, before, after }];
}

/** A value in one short line: strings bare, the rest as JSON, cut with an ellipsis. */
export function compact(v: unknown, max = 80): string {
  const s = v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `details` as key: value pairs, empty ones left out. */
export function detailPairs(details: unknown): [string, string][] {
  if (!isObject(details)) return present(details) ? [["", compact(details, 160)]] : [];
  return Object.entries(details)
    .filter(([, v]) => present(v) && !(Array.isArray(v) && v.length === 0) && !(isObject(v) && Object.keys(v).length === 0))
    .map(([k, v]) => [k, compact(v, 60)]);
}
