import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import type { LoginLimiter } from "@/server/auth/login-limiter";
import { AdminError } from "@/server/http/admin-error";

/**
 * An admin clears a person's failed sign-ins and backoff (someone guessed at their email), so they
 * can sign in now from any address. Audited whether or not anything was held back.
 */
export async function unlockPerson(pool: pg.Pool, limiter: LoginLimiter, id: string, actor: Actor): Promise<{ id: string; wasLocked: boolean }> {
  const r = await pool.query<{ email: string }>("SELECT email FROM app_user WHERE id = $1", [id]);
  const person = r.rows[0];
  if (!person) throw new AdminError(404, "not_found", `no person "${id}"`);
  const email = person.email.trim().toLowerCase();
  const lockedFor = await limiter.lockedFor(email);
  await limiter.unlock(email);
  await recordAudit(pool, { actor, action: "person.sign_in_unlocked", target: `person:${id}`, details: { email, lockedForSeconds: lockedFor } });
  return { id, wasLocked: lockedFor > 0 };
}
