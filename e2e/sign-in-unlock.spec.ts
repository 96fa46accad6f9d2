import { expect, test } from "@playwright/test";
import { anonymous } from "./support/people";

// Review #6: guessing at someone's email holds their sign-in back (backoff, not a lockout); an
// admin sees it on People and clears it in one click, audited.

test("an admin unlocks a person whose sign-in is held back by failed guesses", async ({ page, request, baseURL }) => {
  const email = `e2e-locked-${Date.now()}@onepool.test`;
  const password = "e2e locked password";
  const created = await request.post("/api/users", { data: { email, name: "Lou Locked", role: "analyst", password }, headers: { origin: baseURL! } });
  expect(created.status(), await created.text()).toBe(201);

  const guesser = await anonymous(baseURL);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await guesser.post("/api/auth/sign-in/email", { data: { email, password: `wrong guess ${i}` }, headers: { origin: baseURL! } })).status());
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses[5]).toBe(429);
  expect((await guesser.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin: baseURL! } })).status()).toBe(429);

  await page.goto("/admin/users");
  const row = page.locator(`[data-testid="person-row"][data-email="${email}"]`);
  await row.getByTestId("unlock-sign-in").click();
  await expect(page.getByText("Cleared the failed sign-ins of Lou Locked")).toBeVisible();
  await expect(row.getByTestId("unlock-sign-in")).toHaveCount(0);

  expect((await guesser.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin: baseURL! } })).status()).toBe(200);
  await guesser.dispose();
  const audit = await (await request.get(`/api/audit?action=person.sign_in_unlocked`)).json();
  expect(JSON.stringify(audit)).toContain(email);
});
