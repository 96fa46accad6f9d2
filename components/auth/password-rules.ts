import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/contracts/password";
import { password as passwordSchema } from "@/lib/contracts/people";

// The server's password limits (lib/contracts/password.ts, the numbers better-auth is configured
// with), checked before sending so the form can say what is wrong next to the field.
export const MIN_PASSWORD = MIN_PASSWORD_LENGTH;
export const MAX_PASSWORD = MAX_PASSWORD_LENGTH;

/** What is wrong with a new password and its confirmation, or null. */
export function checkNewPassword(password: string, confirm: string): { field: "newPassword" | "confirm"; message: string } | null {
  const issue = passwordSchema.safeParse(password).error?.issues[0];
  if (issue) return { field: "newPassword", message: issue.code === "too_small" ? `Use at least ${MIN_PASSWORD} characters.` : `Use at most ${MAX_PASSWORD} characters.` };
  if (password !== confirm) return { field: "confirm", message: "The two passwords do not match." };
  return null;
}
