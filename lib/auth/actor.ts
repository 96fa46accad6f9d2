import { roleCan, scopesCan, type Permission, type Role } from "@/lib/auth/roles";

/** Who made a request: a signed-in person, a connector token, or Onepool itself. Recorded in the audit log. */
export type Actor = { kind: "user"; id: string; label: string; role: Role } | { kind: "token"; id: string; label: string; scopes: string[] } | { kind: "system"; id: null; label: string };

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null, label: "system" };

/** Whether this actor holds `permission`: for a route that shows more to some of the callers it lets in. */
export function actorCan(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "user") return roleCan(actor.role, permission);
  if (actor.kind === "token") return scopesCan(actor.scopes, permission);
  return true;
}
