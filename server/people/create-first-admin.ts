import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import type { Auth } from "@/server/auth/create-auth";
import { inTransaction } from "@/server/db/in-transaction";
import { AdminError } from "@/server/http/admin-error";
import { createPerson, type PersonCreated } from "./create-person";
import { setupCodeMatches } from "./setup-code";
import { loggerFor } from "@/server/log/logger";

const securityLog = loggerFor("security");

const SETUP_ACTOR: Actor = { kind: "system", id: null, label: "first-run setup" };

/**
 * The first admin of a fresh install (the setup page), with the setup code the server printed at
 * start: whoever reaches a fresh install first is not enough. Refused once anybody exists (the code
 * is then spent): the lock makes two browsers racing through setup end with one admin and one 409.
 */
export async function createFirstAdmin(pool: pg.Pool, auth: Auth, input: { email: string; name: string; password: string; setupCode: string }, expectedCode: string): Promise<PersonCreated> {
  return inTransaction(pool, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.people'))");
    const any = await db.query("SELECT 1 FROM app_user LIMIT 1");
    if (any.rowCount) throw new AdminError(409, "already_set_up", "Onepool already has people: sign in, or ask an admin for an account");
    if (!setupCodeMatches(expectedCode, input.setupCode)) {
      securityLog.warn("first-run setup refused: wrong setup code");
      throw new AdminError(
        403,
        "invalid_setup_code",
        'setupCode: this is not the setup code; copy it from the server\'s log (the line with "setup code", printed at each start until the first admin exists)',
        "setupCode",
      );
    }
    const { setupCode: _code, ...person } = input;
    return createPerson(db, auth, { ...person, role: "admin" }, SETUP_ACTOR);
  });
}

/**
 * Unattended installs: ONEPOOL_ADMIN_EMAIL and ONEPOOL_ADMIN_PASSWORD name an admin that must
 * exist. It is created when nobody signs in with that email; an existing person is left as the
 * admins made them (a restart must not undo a password change or a deactivation).
 */
export async function ensureAdminFromEnv(pool: pg.Pool, auth: Auth, input: { email: string; name: string; password: string }): Promise<"created" | "exists"> {
  return inTransaction(pool, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('onepool.people'))");
    const found = await db.query("SELECT 1 FROM app_user WHERE email = $1", [input.email.trim().toLowerCase()]);
    if (found.rowCount) return "exists";
    await createPerson(db, auth, { ...input, role: "admin" }, { kind: "system", id: null, label: "ONEPOOL_ADMIN_EMAIL" });
    return "created";
  });
}
