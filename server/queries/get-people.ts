import "server-only";
import type pg from "pg";
import type { Role } from "@/lib/auth/roles";

export interface PersonView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
  /** Browsers signed in now (unexpired sessions). */
  sessions: number;
  lastSeenAt: string | null;
  /** Sign-in from new addresses is held back until then (failed guesses); an admin can unlock. */
  signInLockedUntil: string | null;
}

/** Everyone who can sign in (or could, before deactivation), admins first. */
export async function getPeople(pool: pg.Pool): Promise<PersonView[]> {
  const r = await pool.query<{
    id: string;
    email: string;
    name: string;
    role: Role;
    created_at: Date;
    deactivated_at: Date | null;
    sessions: number;
    last_seen: Date | null;
    locked_until: Date | null;
  }>(
    `SELECT u.id, u.email, u.name, u.role, u.created_at, u.deactivated_at,
            count(s.id) FILTER (WHERE s.expires_at > now())::int AS sessions,
            -- Kept on the person (a trigger on auth_session), so it survives the sessions ending.
            GREATEST(u.last_seen_at, max(s.updated_at)) AS last_seen,
            -- The backoff slot server/auth/login-limiter.ts holds (rate-limiter-flexible: "<prefix>:<key>", expire in ms).
            (SELECT to_timestamp(l.expire / 1000.0) FROM login_limit l
              WHERE l.key = 'account-slot:' || lower(u.email) AND l.expire > extract(epoch FROM now()) * 1000) AS locked_until
       FROM app_user u LEFT JOIN auth_session s ON s.user_id = u.id
      GROUP BY u.id
      ORDER BY u.deactivated_at IS NOT NULL, array_position(ARRAY['admin','manager','merchandiser','analyst'], u.role), u.email`,
  );
  return r.rows.map((p) => ({
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    active: p.deactivated_at === null,
    createdAt: p.created_at.toISOString(),
    deactivatedAt: p.deactivated_at?.toISOString() ?? null,
    sessions: p.sessions,
    lastSeenAt: p.last_seen?.toISOString() ?? null,
    signInLockedUntil: p.locked_until?.toISOString() ?? null,
  }));
}

/** Whether anybody has been set up yet (a fresh install shows the first-run page instead of sign-in). */
export async function hasPeople(pool: pg.Pool): Promise<boolean> {
  return ((await pool.query("SELECT 1 FROM app_user LIMIT 1")).rowCount ?? 0) > 0;
}
