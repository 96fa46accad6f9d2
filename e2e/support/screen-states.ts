import { expect, type Locator, type Page } from "@playwright/test";

/** What a routed API answers: held (no answer yet), the full fixture, the empty answer, or a 503. */
export type ApiState = "held" | "full" | "empty" | "fail";

/**
 * Routes `pattern` so one test can walk a screen through its states: loading (the request is held
 * until `release()`, so the test looks at the loading state as long as it needs, with no timed
 * delay), full, empty, and the 503 a database outage answers.
 */
export async function routeApiStates(page: Page, pattern: string, answers: { full: unknown; empty: unknown }) {
  let state: ApiState = "held";
  let letThrough = () => {};
  const released = new Promise<void>((r) => (letThrough = r));
  await page.route(pattern, async (route) => {
    if (state === "held") await released;
    if (state === "held" || state === "full") return route.fulfill({ json: answers.full });
    if (state === "empty") return route.fulfill({ json: answers.empty });
    return route.fulfill({ status: 503, json: { error: { code: "database_unavailable", message: "the database is not answering" } } });
  });
  return {
    /** Lets the held requests through with the full answer, and answers later ones the same. */
    release() {
      state = "full";
      letThrough();
    },
    answer(next: Exclude<ApiState, "held">) {
      if (state === "held") letThrough();
      state = next;
    },
  };
}

/**
 * The failure state and its way out: with the API failing, `path` shows an alert saying `message`
 * (`check` looks at it further); once the API answers empty again, its Retry shows `emptyTestId`.
 */
export async function expectFailureThenRetry(
  page: Page,
  api: Awaited<ReturnType<typeof routeApiStates>>,
  path: string,
  message: string,
  emptyTestId: string,
  check?: (alert: Locator) => Promise<void>,
) {
  api.answer("fail");
  await page.goto(path);
  const alert = page.getByRole("alert").filter({ hasText: message });
  await expect(alert).toContainText(message, { timeout: 20_000 });
  await check?.(alert);
  api.answer("empty");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId(emptyTestId)).toBeVisible();
}
