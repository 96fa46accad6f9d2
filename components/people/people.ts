import { ROLES, type Role } from "@/lib/auth/roles";

// People rules shared by the table and the forms. Mirrors server/people/person-input.ts.
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 128;
export const MAX_NAME = 100;
export const MAX_EMAIL = 254;

/** What each role adds to the one before it, and what a demotion takes away: derived from lib/auth/roles.ts. */
export { permissionsLost, ROLE_HELP } from "@/lib/auth/permission-labels";

export const ROLE_TONE: Record<Role, string> = {
  analyst: "bg-slate-50 text-slate-700 ring-slate-400/25",
  merchandiser: "bg-sky-50 text-sky-800 ring-sky-600/20",
  manager: "bg-violet-50 text-violet-800 ring-violet-600/20",
  admin: "bg-rose-50 text-rose-800 ring-rose-600/20",
};

export const isDemotion = (from: Role, to: Role) => ROLES.indexOf(to) < ROLES.indexOf(from);

/** Client-side checks, so most mistakes are caught before the round trip. */
export function passwordProblem(p: string): string | undefined {
  if (p.length < MIN_PASSWORD) return `At least ${MIN_PASSWORD} characters${p.length ? ` (${p.length} so far)` : ""}.`;
  if (p.length > MAX_PASSWORD) return `At most ${MAX_PASSWORD} characters.`;
  return undefined;
}

export const sessionsText = (n: number) => (n === 0 ? "Not signed in" : `Signed in on ${n} browser${n === 1 ? "" : "s"}`);
export const endedText = (n: number) => (n === 0 ? "they were not signed in anywhere" : `${n} browser session${n === 1 ? "" : "s"} ended now`);
