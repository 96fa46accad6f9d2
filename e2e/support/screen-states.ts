import type { Page } from "@playwright/test";

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
