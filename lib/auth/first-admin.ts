import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/contracts/password";

// The first-run setup, as the /setup page and POST /api/setup both read it: one schema, so the form
// says what the route would refuse, next to the field. Pure (no server imports).

/** The server's password limits (server/auth/create-auth.ts). */
export const SETUP_PASSWORD = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH } as const;

/** Crockford base32 without I, L, O, U: nothing to misread when copying it from a log. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** What a person may paste: any case, spaces or dashes; O/I/L read as 0/1/1. */
export function normalizeSetupCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** 12 symbols (60 bits) from at least 8 bytes, shown as XXXX-XXXX-XXXX. */
export function formatSetupCode(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes.slice(0, 8)) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 12; i++) out += ALPHABET[Number((bits >> BigInt(59 - i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

export const firstAdminSchema = z
  .object({
    email: z
      .email("must be an email address")
      .max(254)
      .transform((e) => e.trim().toLowerCase()),
    name: z.string().trim().min(1, "must not be empty").max(100),
    password: z.string().min(SETUP_PASSWORD.min, `must be at least ${SETUP_PASSWORD.min} characters`).max(SETUP_PASSWORD.max, `must be at most ${SETUP_PASSWORD.max} characters`),
    setupCode: z.string().trim().min(1, "enter the setup code from the server's log").max(64, "is not a setup code"),
  })
  .strict();
export type FirstAdminInput = z.infer<typeof firstAdminSchema>;
