import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { inTransaction } from "@/server/db/in-transaction";
import { getSubscription, type Subscription } from "./get-subscription";

// A person's own subscription to the weekly scorecard e-mail. Both are idempotent: repeating one
// answers the same and writes no second audit row. The audit row shares the change's transaction.

type Person = Extract<Actor, { kind: "user" }>;

export async function subscribe(pool: pg.Pool, person: Person): Promise<Subscription> {
  return inTransaction(pool, async (db) => {
    const r = await db.query<{ created_at: Date }>("INSERT INTO scorecard_subscription (person_id) VALUES ($1) ON CONFLICT (person_id) DO NOTHING RETURNING created_at", [person.id]);
    if (r.rowCount) {
      await recordAudit(db, { actor: person, action: "scorecard_mail.subscribed", target: `person:${person.id}`, before: { subscribed: false }, after: { subscribed: true } });
    }
    return getSubscription(db, person.id);
  });
}

export async function unsubscribe(pool: pg.Pool, person: Person): Promise<Subscription> {
  return inTransaction(pool, async (db) => {
    const r = await db.query("DELETE FROM scorecard_subscription WHERE person_id = $1", [person.id]);
    if (r.rowCount) {
      await recordAudit(db, { actor: person, action: "scorecard_mail.unsubscribed", target: `person:${person.id}`, before: { subscribed: true }, after: { subscribed: false } });
    }
    return { subscribed: false, since: null };
  });
}
