import type { Role } from "@/lib/auth/roles";

/** Who made a request: a signed-in person, a connector token, or Onepool itself. Recorded in the audit log. */
export type Actor =
  | { kind: "user"; id: string; label: string; role: Role }
  | { kind: "token"; id: string; label: string; scopes: string[] }
  | { kind: "system"; id: null; label: string };

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null, label: "system" };
