import "server-only";
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import type { PrismaClient } from "@/generated/prisma/client";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/contracts/password";

// People sign in with better-auth (docs/DECISIONS.md, "People and sign-in"): email and password,
// scrypt hashes (node:crypto, off the event loop), database sessions in an httpOnly SameSite=Lax
// cookie, and its Origin/Fetch-Metadata CSRF checks on its own endpoints. Roles, people
// management and the audit trail are ours (server/people, lib/auth/roles.ts).

export const SESSION_DAYS = 7;
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/contracts/password";

export interface AuthOptions {
  prisma: PrismaClient;
  /** Signs the session cookie; derived from the instance's secret key. */
  secret: string;
  /** The public origin (ONEPOOL_PUBLIC_URL). Unset: the request's own host (same-origin checks still hold). */
  publicUrl?: string;
  /** Where the server listens, for calls that carry no Host header (tests, scripts). */
  fallbackUrl: string;
}

export function createAuth(opts: AuthOptions) {
  return betterAuth({
    appName: "Onepool",
    secret: opts.secret,
    baseURL: opts.publicUrl ?? { allowedHosts: ["*"], protocol: "auto", fallback: opts.fallbackUrl },
    database: prismaAdapter(opts.prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // People are created by an admin (or the first-run setup), never by signing themselves up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, input: false, defaultValue: "analyst" },
        deactivatedAt: { type: "date", required: false, input: false },
      },
    },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    // Sign-in guessing is limited by server/auth/login-limiter.ts (per account and per address,
    // shared by every instance through Postgres); better-auth's own limiter is per process.
    rateLimit: { enabled: false },
    databaseHooks: {
      session: {
        create: {
          // A deactivated person cannot start a session, whatever the password.
          async before(session) {
            const user = await opts.prisma.user.findUnique({ where: { id: session.userId }, select: { deactivatedAt: true } });
            if (!user || user.deactivatedAt) throw new APIError("FORBIDDEN", { message: "this account is deactivated; ask an admin", code: "ACCOUNT_DEACTIVATED" });
          },
        },
      },
    },
    advanced: {
      // The custom server overwrites x-forwarded-for with the socket's address (or the trusted proxy's value).
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      database: { generateId: () => randomUUID() },
      cookiePrefix: "onepool",
    },
    telemetry: { enabled: false },
    // Its "Invalid password" warnings name nobody; handleAuthRequest logs failed sign-ins with the account and address.
    logger: { level: "error" },
  });
}

export type Auth = ReturnType<typeof createAuth>;
