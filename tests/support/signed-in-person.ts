import { expect } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { handleAuthRequest } from "@/server/auth/handle-auth-request";
import { inTransaction } from "@/server/db/in-transaction";
import { createPerson } from "@/server/people/create-person";
import type { TestServer } from "./test-server";

export const TEST_PASSWORD = "correct horse battery";

/**
 * A new person of `role`, signed in through the real auth handler: their session cookie and their
 * actor. Each sign-in comes from its own `ip`, so the per-address sign-in limit never joins two tests.
 */
export async function signInNewPerson(server: TestServer, role: Role, email: string, ip: string): Promise<{ cookie: string; actor: Actor }> {
  const p = await inTransaction(server.services.pool, (db) => createPerson(db, server.services.auth, { email, name: role, role, password: TEST_PASSWORD }, SYSTEM_ACTOR));
  const res = await handleAuthRequest(
    server.services,
    new Request(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": ip },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    }),
  );
  expect(res.status).toBe(200);
  return { cookie: res.headers.get("set-cookie")!.split(";")[0], actor: { kind: "user", id: p.id, label: email, role } };
}
