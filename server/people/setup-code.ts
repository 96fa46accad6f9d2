import "server-only";
import { hkdfSync, timingSafeEqual } from "node:crypto";
import { formatSetupCode, normalizeSetupCode } from "@/lib/auth/first-admin";

/**
 * The one-time code a fresh install's /setup asks for (docs/SECURITY.md), printed in the server log at
 * each start while nobody exists. Derived from the instance's secret key, so every instance and
 * every restart print and accept the same code without storing it anywhere; it stops working
 * once the first admin exists (createFirstAdmin refuses then, whatever the code).
 */
export function setupCodeFor(secretKey: Buffer): string {
  return formatSetupCode(new Uint8Array(hkdfSync("sha256", secretKey, Buffer.alloc(0), "onepool/setup-code", 8)));
}

export function setupCodeMatches(expected: string, given: string): boolean {
  const a = Buffer.from(normalizeSetupCode(expected));
  const b = Buffer.from(normalizeSetupCode(given));
  return a.length === b.length && timingSafeEqual(a, b);
}
