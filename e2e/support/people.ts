import { expect, request as requests, type APIRequestContext } from "@playwright/test";
import type { Role } from "../../lib/auth/roles";

// The people e2e signs in as. The admin comes from ONEPOOL_ADMIN_EMAIL (playwright.config.ts); the
// setup project creates the others through the API and saves each one's signed-in browser state.

export const E2E_ADMIN = { email: "e2e-admin@onepool.test", password: "e2e admin password" };
export const PASSWORD = "e2e role password";

export const PEOPLE: Record<Role, { email: string; password: string; name: string }> = {
  analyst: { email: "e2e-analyst@onepool.test", password: PASSWORD, name: "Ana Analyst" },
  merchandiser: { email: "e2e-merch@onepool.test", password: PASSWORD, name: "Mo Merchandiser" },
  manager: { email: "e2e-manager@onepool.test", password: PASSWORD, name: "Max Manager" },
  admin: { email: E2E_ADMIN.email, password: E2E_ADMIN.password, name: "Admin" },
};

/** Where the setup project saved a role's signed-in cookies. */
export const stateFor = (role: Role) => `e2e/.auth/${role}.json`;

/** Sign a request context in (the cookie stays in the context). Origin is what a browser would send. */
export async function signIn(request: APIRequestContext, email: string, password: string, baseURL: string) {
  const res = await request.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(200);
}

/** A request context with no cookies: what a script without a session sends (specs run as the admin by default). */
export function anonymous(baseURL: string | undefined): Promise<APIRequestContext> {
  return requests.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
}
