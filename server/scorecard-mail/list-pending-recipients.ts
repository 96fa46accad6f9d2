import "server-only";
import type pg from "pg";
import { ROLES, roleCan } from "@/lib/auth/roles";
import { claimableSql } from "./claim-delivery";

export interface Recipient {
  personId: string;
  email: string;
  name: string;
}

/** Roles that hold scorecard.read today: checked at send time, so a demoted person gets nothing. */
const READERS = ROLES.filter((r) => roleCan(r, "scorecard.read"));

/**
 * Subscribers who should get `week`'s e-mail now: active, allowed to read the scorecard, and with no
 * delivery for the week or one that may be claimed again. Nothing is returned while a failure waits
 * out its backoff, so an idle tick never builds the scorecard.
 */
export async function listPendingRecipients(pool: pg.Pool, week: string, now: Date): Promise<Recipient[]> {
  const r = await pool.query<{ person_id: string; email: string; name: string }>(
    `SELECT s.person_id, u.email, u.name
       FROM scorecard_subscription s
       JOIN app_user u ON u.id = s.person_id
      WHERE u.deactivated_at IS NULL AND u.role = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM scorecard_delivery d
                         WHERE d.week = $1 AND d.person_id = s.person_id AND NOT ${claimableSql("d", "$3")})
      ORDER BY s.created_at, s.person_id`,
    [week, READERS, now],
  );
  return r.rows.map((x) => ({ personId: x.person_id, email: x.email, name: x.name }));
}
