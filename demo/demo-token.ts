import "server-only";
import type pg from "pg";
import { createConnectorToken, type TokenScope } from "@/server/auth/connector-tokens";
import { DEMO_TOKEN } from "@/server/auth/demo-credentials";

/**
 * What the demo's traffic and a person trying the API need: post events, read stock, hold stock at
 * checkout. Never `admin`: a printed, never-expiring token must not manage sources, tokens or rules.
 * (The simulator reads stock and posts events only; the demo's sources and channel endpoints are
 * registered in-process, not through the API.) `metrics`, so `curl /metrics` works while trying it out.
 */
export const DEMO_TOKEN_SCOPES = ["ingest", "read", "reserve", "metrics"] as const satisfies readonly TokenScope[];

/** Create the demo token, or bring an existing one back to exactly these scopes (older demos gave it admin). */
export function ensureDemoToken(pool: pg.Pool): Promise<{ id: string; token: string }> {
  return createConnectorToken(pool, { name: "demo", scopes: [...DEMO_TOKEN_SCOPES], value: DEMO_TOKEN });
}
