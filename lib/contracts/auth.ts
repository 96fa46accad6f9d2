import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";

// Signing in, changing one's password and the first-run setup. Sign-in and change-password are
// better-auth's own endpoints (/api/auth/*, docs/API.md): these schemas are what the forms send
// there and what better-auth is configured to accept (server/auth/create-auth.ts). POST /api/setup
// parses with firstAdminSchema itself.

/** A password any route or better-auth accepts: the configured lengths. */
export const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

/** POST /api/auth/sign-in/email: both filled (better-auth answers a wrong pair with INVALID_EMAIL_OR_PASSWORD). */
export const signInSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) }).strict();
export type SignInBody = z.input<typeof signInSchema>;

/** POST /api/auth/change-password (the form always adds revokeOtherSessions: true). */
export const changePasswordSchema = z.object({ currentPassword: z.string().min(1), newPassword: password }).strict();

/** POST /api/setup: the first admin, with the setup code printed in the server's log. */
export const firstAdminSchema = z
  .object({
    email: z
      .email("must be an email address")
      .max(254)
      .transform((e) => e.trim().toLowerCase()),
    name: z.string().trim().min(1, "must not be empty").max(100),
    password,
    setupCode: z.string().trim().min(1, "enter the setup code from the server's log").max(64, "is not a setup code"),
  })
  .strict();
export type FirstAdminInput = z.infer<typeof firstAdminSchema>;
