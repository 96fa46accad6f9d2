import "server-only";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { hashToken, type TokenVerifier } from "@/server/auth/connector-tokens";
import type { Env } from "@/server/env";

// Review #16: the demo's token and its people's password are public. `npm run demo` leaves a
// marker in the data folder; any other start (npm start) refuses those credentials unless
// ONEPOOL_ALLOW_DEMO_CREDENTIALS=true, so a demo folder reused for a real, network-facing run
// does not come with a printed all-reading token and a known admin password.

/**
 * The demo's connector token. Public on purpose (it is printed and documented), so the demo
 * listens on 127.0.0.1 unless HOST is set. Real installs create tokens with `npm run token`.
 * Defined here, not in demo/, because the product refuses it: server/ never imports demo/.
 */
export const DEMO_TOKEN = "op_demo_local_only_not_for_production";

/** Public on purpose, like the demo token: the demo listens on 127.0.0.1 and holds made-up data. */
export const DEMO_PASSWORD = "onepool-demo";

/** `<dataDir>/made-by-demo`: written by `npm run demo`. */
export const DEMO_MARKER = "made-by-demo";

const HOW = "only `npm run demo` accepts them (or ONEPOOL_ALLOW_DEMO_CREDENTIALS=true, on a machine nobody else reaches)";
export const DEMO_TOKEN_REFUSED = `the demo connector token is refused outside the demo; ${HOW}. Create a token with \`npm run token\``;
export const DEMO_PASSWORD_REFUSED = `the demo people's public password is refused outside the demo; ${HOW}. An admin can set a new password for this person`;

export async function markDemoDataDir(dataDir: string): Promise<void> {
  await writeFile(path.join(dataDir, DEMO_MARKER), "This data folder was made by `npm run demo`: its token and people have public credentials.\n");
}

/** Is this a demo person's email with the demo's public password (what sign-in must refuse outside the demo)? */
export function isDemoSignIn(email: string, password: unknown): boolean {
  return /@demo\.onepool$/i.test(email.trim()) && password === DEMO_PASSWORD;
}

/**
 * At start: unless allowed, refuse the demo token (a precise 401 to whoever presents it) and say
 * so in the log when this data (folder marker, or the token's row) came from the demo.
 */
export async function guardDemoCredentials(env: Env, pool: pg.Pool, tokens: TokenVerifier, log: (m: string) => void): Promise<void> {
  if (env.ONEPOOL_ALLOW_DEMO_CREDENTIALS) return;
  tokens.refuse(DEMO_TOKEN, { code: "demo_credentials_refused", message: DEMO_TOKEN_REFUSED });
  const marked = !env.DATABASE_URL && existsSync(path.join(env.ONEPOOL_DATA_DIR, DEMO_MARKER));
  const row = await pool.query("SELECT 1 FROM connector_token WHERE token_hash = $1 AND revoked_at IS NULL", [hashToken(DEMO_TOKEN)]);
  if (marked || row.rowCount) {
    log(
      "This data was made by `npm run demo`: its demo connector token and the demo people's password (onepool-demo) are refused. " +
        "Set ONEPOOL_ALLOW_DEMO_CREDENTIALS=true to accept them (only where nobody else can reach the server).",
    );
  }
}
