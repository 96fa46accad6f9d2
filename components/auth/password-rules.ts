import { z } from "zod";
import { changePasswordSchema } from "@/lib/contracts/auth";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/contracts/password";

/**
 * The account page's form: what POST /api/auth/change-password accepts (lib/contracts/auth.ts), plus
 * what only the form can check: the confirmation, and a new password that differs from the current one.
 */
export const changePasswordFormSchema = changePasswordSchema.extend({ confirm: z.string() }).superRefine((v, ctx) => {
  if (v.newPassword !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "the two passwords do not match" });
  else if (v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "choose a password different from the current one" });
});
export type ChangePasswordDraft = z.input<typeof changePasswordFormSchema>;

/** The new password's length refusals, in the form's words (`errorMessage(error, NEW_PASSWORD_SAY)`). */
export const NEW_PASSWORD_SAY = { too_small: `Use at least ${MIN_PASSWORD_LENGTH} characters.`, too_big: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
export { MIN_PASSWORD_LENGTH as MIN_PASSWORD };
