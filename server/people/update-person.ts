import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import type { Auth } from "@/server/auth/create-auth";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import type { UpdatePersonInput } from "@/lib/contracts/people";

interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: string;
  deactivated_at: Date | null;
}

export interface PersonUpdated {
  id: string;
  /** Sessions ended by this change (deactivation or a password reset signs the person out everywhere). */
  sessionsEnded: number;
  /** Their open live connections must be dropped too (the caller owns the socket layer). */
  disconnect: boolean;
}

/**
 * Change a person's name, role, activity or password, with one audit entry per kind of change
 * (before and after). Deactivating or resetting a password deletes their sessions in the same
 * transaction, so it takes effect on their very next request. The last active admin can be
 * neither demoted nor deactivated: nobody could manage people any more.
 */
export async function updatePerson(pool: pg.Pool, auth: Auth, id: string, input: UpdatePersonInput, actor: Actor): Promise<PersonUpdated> {
  const hash = input.password === undefined ? null : await (await auth.$context).password.hash(input.password);
  return inTransaction(pool, async (db) => {
    // Serialises admin changes, so two admins cannot demote each other into "no admin left".
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.people'))");
    const r = await db.query<PersonRow>("SELECT id, email, name, role, deactivated_at FROM app_user WHERE id = $1", [id]);
    const before = r.rows[0];
    if (!before) throw new AdminError(404, "not_found", `no person "${id}"`);
    const wasActive = before.deactivated_at === null;
    const role = input.role ?? before.role;
    const active = input.active ?? wasActive;
    if (before.role === "admin" && wasActive && (role !== "admin" || !active)) {
      const others = await db.query("SELECT 1 FROM app_user WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1 LIMIT 1", [id]);
      if (others.rowCount === 0) throw new AdminError(409, "last_admin", "this is the only active admin: make someone else an admin first", input.role !== undefined ? "role" : "active");
    }
    const target = `person:${id}`;
    if (input.name !== undefined && input.name !== before.name) {
      await db.query("UPDATE app_user SET name = $2, updated_at = now() WHERE id = $1", [id, input.name]);
      await recordAudit(db, { actor, action: "person.renamed", target, details: { email: before.email }, before: { name: before.name }, after: { name: input.name } });
    }
    if (role !== before.role) {
      await db.query("UPDATE app_user SET role = $2, updated_at = now() WHERE id = $1", [id, role]);
      await recordAudit(db, { actor, action: "person.role_changed", target, details: { email: before.email }, before: { role: before.role }, after: { role } });
    }
    let sessionsEnded = 0;
    if (active !== wasActive) {
      await db.query("UPDATE app_user SET deactivated_at = $2, updated_at = now() WHERE id = $1", [id, active ? null : new Date()]);
      if (!active) sessionsEnded += (await db.query("DELETE FROM auth_session WHERE user_id = $1", [id])).rowCount ?? 0;
      await recordAudit(db, {
        actor,
        action: active ? "person.reactivated" : "person.deactivated",
        target,
        details: { email: before.email, sessionsEnded },
        before: { active: wasActive },
        after: { active },
      });
    }
    if (hash !== null) {
      const updated = await db.query("UPDATE auth_account SET password = $2, updated_at = now() WHERE user_id = $1 AND provider_id = 'credential'", [id, hash]);
      if (updated.rowCount === 0) await db.query("INSERT INTO auth_account (id, account_id, provider_id, user_id, password) VALUES (gen_random_uuid()::text, $1, 'credential', $1, $2)", [id, hash]);
      const ended = (await db.query("DELETE FROM auth_session WHERE user_id = $1", [id])).rowCount ?? 0;
      sessionsEnded += ended;
      await recordAudit(db, { actor, action: "person.password_reset", target, details: { email: before.email, sessionsEnded: ended } });
    }
    return { id, sessionsEnded, disconnect: !active || hash !== null || role !== before.role };
  });
}
