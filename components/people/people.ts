import { PERMISSIONS, ROLES, roleCan, type Permission, type Role } from "@/lib/auth/roles";

// People rules shared by the table and the forms. Mirrors server/people/person-input.ts.
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 128;
export const MAX_NAME = 100;
export const MAX_EMAIL = 254;

/** What each role adds to the one before it (lib/auth/roles.ts). */
export const ROLE_HELP: Record<Role, string> = {
  analyst: "Reads live stock, SKU pages, sources and the unmapped and rejected lists; enters cycle counts.",
  merchandiser: "Also maps listings to SKUs and sets allocation rules and pauses.",
  manager: "Also reads the scorecard and the audit log.",
  admin: "Also manages people, the catalogue, connectors and tokens.",
};

export const ROLE_TONE: Record<Role, string> = {
  analyst: "bg-slate-50 text-slate-700 ring-slate-400/25",
  merchandiser: "bg-sky-50 text-sky-800 ring-sky-600/20",
  manager: "bg-violet-50 text-violet-800 ring-violet-600/20",
  admin: "bg-rose-50 text-rose-800 ring-rose-600/20",
};

const PERMISSION_LABELS: Record<Permission, string> = {
  "stock.read": "read live stock",
  "counts.write": "enter cycle counts",
  "mappings.write": "map listings",
  "rules.write": "set allocation rules",
  "pauses.write": "pause channels",
  "scorecard.read": "read the scorecard",
  "audit.read": "read the audit log",
  "users.manage": "manage people (this page)",
  "catalog.write": "change the catalogue",
  "connectors.manage": "manage connectors",
  "tokens.manage": "manage tokens",
  "reservations.write": "place checkout holds",
};

/** What moving from `from` to `to` takes away, in words (empty for a promotion). */
export function permissionsLost(from: Role, to: Role): string[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleCan(from, p) && !roleCan(to, p)).map((p) => PERMISSION_LABELS[p]);
}

export const isDemotion = (from: Role, to: Role) => ROLES.indexOf(to) < ROLES.indexOf(from);

/** Client-side checks, so most mistakes are caught before the round trip. */
export function passwordProblem(p: string): string | undefined {
  if (p.length < MIN_PASSWORD) return `At least ${MIN_PASSWORD} characters${p.length ? ` (${p.length} so far)` : ""}.`;
  if (p.length > MAX_PASSWORD) return `At most ${MAX_PASSWORD} characters.`;
  return undefined;
}

export const sessionsText = (n: number) => (n === 0 ? "Not signed in" : `Signed in on ${n} browser${n === 1 ? "" : "s"}`);
export const endedText = (n: number) => (n === 0 ? "they were not signed in anywhere" : `${n} browser session${n === 1 ? "" : "s"} ended now`);
