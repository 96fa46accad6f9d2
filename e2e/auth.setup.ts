import { expect, request as newRequest, test as setup } from "@playwright/test";
import { ROLES } from "../lib/auth/roles";
import { E2E_ADMIN, PEOPLE, signIn, stateFor } from "./support/people";

// Runs before every spec (playwright.config.ts "setup" project): one person per role, each signed
// in once, their cookies saved for the specs to reuse.
setup("people for every role, signed in", async ({ baseURL }) => {
  const admin = await newRequest.newContext({ baseURL });
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, baseURL!);
  for (const role of ROLES) {
    if (role === "admin") continue;
    const p = PEOPLE[role];
    const res = await admin.post("/api/users", { data: { email: p.email, name: p.name, role, password: p.password }, headers: { origin: baseURL! } });
    // 409: an earlier run on the same database already made them; make sure they are active and in role.
    if (res.status() === 409) {
      const list = (await (await admin.get("/api/users")).json()) as { people: { id: string; email: string }[] };
      const id = list.people.find((x) => x.email === p.email)!.id;
      const fixed = await admin.patch(`/api/users/${id}`, { data: { role, active: true, password: p.password }, headers: { origin: baseURL! } });
      expect(fixed.status(), await fixed.text()).toBe(200);
    } else expect(res.status(), await res.text()).toBe(201);
  }
  for (const role of ROLES) {
    const ctx = await newRequest.newContext({ baseURL });
    await signIn(ctx, PEOPLE[role].email, PEOPLE[role].password, baseURL!);
    await ctx.storageState({ path: stateFor(role) });
    await ctx.dispose();
  }
  await admin.dispose();
});
