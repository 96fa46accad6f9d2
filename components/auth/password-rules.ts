// The server's password limits (server/auth/create-auth.ts), checked before sending so the form
// can say what is wrong next to the field. The server checks again.
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 128;

/** What is wrong with a new password and its confirmation, or null. */
export function checkNewPassword(password: string, confirm: string): { field: "newPassword" | "confirm"; message: string } | null {
  if (password.length < MIN_PASSWORD) return { field: "newPassword", message: `Use at least ${MIN_PASSWORD} characters.` };
  if (password.length > MAX_PASSWORD) return { field: "newPassword", message: `Use at most ${MAX_PASSWORD} characters.` };
  if (password !== confirm) return { field: "confirm", message: "The two passwords do not match." };
  return null;
}
