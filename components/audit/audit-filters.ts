// The audit log's filters: the same shape in the URL, the query key and the form. Empty string = no filter.

export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  /** Local calendar days, `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: "", action: "", target: "", from: "", to: "" };
export const FILTER_KEYS = ["actor", "action", "target", "from", "to"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z_.]*$/;

/** From `?actor=…&action=…` (server or browser); anything the API would refuse is dropped. */
export function parseFilters(get: (key: string) => string | null | undefined): AuditFilters {
  const s = (k: string, max: number) => (get(k) ?? "").trim().slice(0, max);
  const day = (k: string) => (DAY.test(s(k, 11)) ? s(k, 11) : "");
  const action = s("action", 100);
  return { actor: s("actor", 200), action: ACTION.test(action) ? action : "", target: s("target", 300), from: day("from"), to: day("to") };
}

export const hasFilters = (f: AuditFilters) => FILTER_KEYS.some((k) => f[k] !== "");

/** The API's query: days become instants at local midnight; `to` is exclusive there, so the next day. */
export function toSearchParams(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.actor.trim()) p.set("actor", f.actor.trim());
  if (f.action) p.set("action", f.action);
  if (f.target.trim()) p.set("target", f.target.trim());
  if (f.from) p.set("from", new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    p.set("to", end.toISOString());
  }
  return p;
}
