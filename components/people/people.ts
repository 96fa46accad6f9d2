import { ROLES, type Role } from "@/lib/auth/roles";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password } from "@/lib/contracts/people";

// People rules shared by the table and the forms; what the routes accept is lib/contracts/people.ts.
export const MIN_PASSWORD = MIN_PASSWORD_LENGTH;
export const MAX_PASSWORD = MAX_PASSWORD_LENGTH;

/** What each role adds to the one before it, and what a demotion takes away: derived from lib/auth/roles.ts. */
export { permissionsLost, ROLE_HELP } from "@/lib/auth/permission-labels";

export const ROLE_TONE: Record<Role, string> = {
  analyst: "bg-slate-50 text-slate-700 ring-slate-400/25",
  merchandiser: "bg-sky-50 text-sky-800 ring-sky-600/20",
  manager: "bg-violet-50 text-violet-800 ring-violet-600/20",
  admin: "bg-rose-50 text-rose-800 ring-rose-600/20",
};

export const isDemotion = (from: Role, to: Role) => ROLES.indexOf(to) < ROLES.indexOf(from);

/** A password the routes would refuse, in the form's words (the rule is the contract's `password`). */
export function passwordProblem(p: string): string | undefined {
  const issue = password.safeParse(p).error?.issues[0];
  if (!issue) return undefined;
  return issue.code === "too_small" ? `At least ${MIN_PASSWORD} characters${p.length ? ` (${p.length} so far)` : ""}.` : `At most ${MAX_PASSWORD} characters.`;
}

export const sessionsText = (n: number) => (n === 0 ? "Not signed in" : `Signed in on ${n} browser${n === 1 ? "" : "s"}`);
export const endedText = (n: number) => (n === 0 ? "they were not signed in anywhere" : `${n} browser session${n === 1 ? "" : "s"} ended now`);
