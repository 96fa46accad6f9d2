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

/**
 * A list screen's states in one walk, on `answers` routed at `pattern`: loading (`loading` test id)
 * until released, then the full answer's `rows` rows (`row` test id); the empty answer's state
 * (`empty`, saying `emptyText`; `atEmpty` may look at it further, e.g. a screenshot); the failure
 * alert saying `failure` and its Retry (`expectFailureThenRetry`).
 */
export async function expectListStates(
  page: Page,
  s: {
    pattern: string;
    path: string;
    answers: { full: unknown; empty: unknown };
    loading: string;
    row: string;
    rows: number;
    empty: string;
    emptyText: string;
    failure: string;
    atEmpty?: () => Promise<unknown>;
    checkFailure?: (alert: Locator) => Promise<void>;
  },
) {
  const api = await routeApiStates(page, s.pattern, s.answers);
  await page.goto(s.path);
  await expect(page.getByTestId(s.loading)).toBeVisible();
  api.release();
  await expect(page.getByTestId(s.loading)).toHaveCount(0);
  await expect(page.getByTestId(s.row)).toHaveCount(s.rows);

  api.answer("empty");
  await page.goto(s.path);
  await expect(page.getByTestId(s.empty)).toContainText(s.emptyText);
  await s.atEmpty?.();

  await expectFailureThenRetry(page, api, s.path, s.failure, s.empty, s.checkFailure);
}
