import "server-only";
import type pg from "pg";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { Auth } from "@/server/auth/create-auth";
import { inTransaction } from "@/server/db/in-transaction";
import { DEMO_PASSWORD } from "@/server/auth/demo-credentials";
import { createPerson } from "@/server/people/create-person";

export const DEMO_PEOPLE: Record<Role, { email: string; name: string }> = {
  analyst: { email: "analyst@demo.onepool", name: "Ana Ortiz" },
  merchandiser: { email: "merchandiser@demo.onepool", name: "Marco Ruiz" },
  manager: { email: "manager@demo.onepool", name: "Lucía Méndez" },
  admin: { email: "admin@demo.onepool", name: "Demo Admin" },
};

/** One demo person per role, created when missing; existing ones are left as an admin changed them. */
export async function ensureDemoPeople(pool: pg.Pool, auth: Auth): Promise<void> {
  for (const role of ROLES) {
    const p = DEMO_PEOPLE[role];
    await inTransaction(pool, async (db) => {
      if ((await db.query("SELECT 1 FROM app_user WHERE email = $1", [p.email])).rowCount) return;
      await createPerson(db, auth, { ...p, role, password: DEMO_PASSWORD }, { kind: "system", id: null, label: "demo seed" });
    });
  }
}
