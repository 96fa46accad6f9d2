import { expect, test } from "@playwright/test";
import { stateFor } from "./support/people";

// The weekly scorecard e-mail's screens: a manager subscribes and unsubscribes on the account page
// (kept across a reload: the server holds it), an analyst is not offered it, and an admin reaches
// the send history from People.

test.describe("weekly scorecard e-mail", () => {
  test.describe("as a manager", () => {
    test.use({ storageState: stateFor("manager") });

    test("subscribes and unsubscribes on the account page", async ({ page }) => {
      await page.goto("/account");
      const card = page.getByTestId("scorecard-mail-card");
      await expect(card).toBeVisible();
      const state = card.getByTestId("scorecard-mail-state");
      // Start from "not subscribed" whatever an earlier run left.
      if ((await state.getAttribute("data-subscribed")) === "true") {
        await card.getByTestId("scorecard-mail-toggle").click();
        await expect(state).toHaveAttribute("data-subscribed", "false");
      }
      await expect(card.getByTestId("scorecard-mail-off")).toContainText("ONEPOOL_SMTP_URL");
      await card.getByRole("button", { name: "Subscribe" }).click();
      await expect(state).toHaveAttribute("data-subscribed", "true");
      await expect(state).toContainText("Subscribed since");
      await page.reload();
      await expect(page.getByTestId("scorecard-mail-state")).toHaveAttribute("data-subscribed", "true");
      await page.getByRole("button", { name: "Unsubscribe" }).click();
      await expect(page.getByTestId("scorecard-mail-state")).toHaveAttribute("data-subscribed", "false");
    });
  });

  test.describe("as an analyst", () => {
    test.use({ storageState: stateFor("analyst") });

    test("is not offered the e-mail", async ({ page }) => {
      await page.goto("/account");
      await expect(page.getByTestId("account-profile")).toBeVisible();
      await expect(page.getByTestId("scorecard-mail-card")).toHaveCount(0);
    });
  });

  test("an admin opens the send history from People", async ({ page }) => {
    await page.goto("/admin/users");
    await page.getByTestId("scorecard-mail-link").click();
    await expect(page).toHaveURL(/\/admin\/scorecard-mail$/);
    await expect(page.getByRole("heading", { name: "Scorecard e-mails" })).toBeVisible();
    await expect(page.getByTestId("scorecard-mail-disabled")).toBeVisible();
    await expect(page.getByTestId("scorecard-deliveries")).toHaveAttribute("aria-busy", "false");
    await page.getByTestId("scorecard-deliveries-week").fill("2026-W01");
    await expect(page.getByTestId("scorecard-deliveries-empty")).toContainText("No e-mails for 2026-W01.");
  });
});
