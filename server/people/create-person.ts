import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import type { Auth } from "@/server/auth/create-auth";
import { AdminError } from "@/server/http/admin-error";
import type { CreatePersonInput } from "@/lib/contracts/people";

export interface PersonCreated {
  id: string;
  email: string;
  name: string;
  role: string;
}

/**
 * A person with an email-and-password account, written in one transaction with its audit entry.
 * The hash is better-auth's (scrypt), so better-auth signs them in exactly as it would its own.
 * `db` may be a client inside the caller's transaction (the first-run setup holds a lock there).
 */
export async function createPerson(db: pg.PoolClient, auth: Auth, raw: CreatePersonInput, actor: Actor): Promise<PersonCreated> {
  // better-auth lower-cases the email it is given at sign-in: store it the same way, whoever calls.
  const input = { ...raw, email: raw.email.trim().toLowerCase() };
  const hash = await (await auth.$context).password.hash(input.password);
  const id = randomUUID();
  await db.query("SAVEPOINT create_person");
  try {
    await db.query("INSERT INTO app_user (id, name, email, email_verified, role) VALUES ($1, $2, $3, true, $4)", [id, input.name, input.email, input.role]);
  } catch (err) {
    await db.query("ROLLBACK TO SAVEPOINT create_person");
    if ((err as { code?: string }).code === "23505") throw new AdminError(409, "email_taken", `someone already signs in as ${input.email}`, "email");
    throw err;
  }
  await db.query("INSERT INTO auth_account (id, account_id, provider_id, user_id, password) VALUES ($1, $2, 'credential', $2, $3)", [randomUUID(), id, hash]);
  await recordAudit(db, { actor, action: "person.created", target: `person:${id}`, after: { email: input.email, name: input.name, role: input.role, active: true } });
  return { id, email: input.email, name: input.name, role: input.role };
}
