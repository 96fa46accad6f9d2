import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

import { password } from "./auth";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password };
export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

// What the people routes accept. Emails are compared lower-cased, as better-auth signs them in.
const email = z
  .email("must be an email address")
  .max(MAX_EMAIL_LENGTH)
  .transform((e) => e.trim().toLowerCase());
const name = z.string().trim().min(1, "must not be empty").max(MAX_NAME_LENGTH);

export const createPersonSchema = z.object({ email, name, role: z.enum(ROLES), password }).strict();
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

/** A change names only what it changes; `active: false` deactivates (sessions end at once). */
export const updatePersonSchema = z
  .object({ name: name.optional(), role: z.enum(ROLES).optional(), active: z.boolean().optional(), password: password.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "name at least one of name, role, active, password");
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;
