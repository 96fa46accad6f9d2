import { z } from "zod";
import { queryRoute } from "@/server/http/route-helpers";
import { getEndToEndLag } from "@/server/queries/get-end-to-end-lag";
import { getIngestLag } from "@/server/queries/get-ingest-lag";
import { getServices } from "@/server/services";

const WINDOWS = { "5m": 300, "1h": 3600, "24h": 86_400, "7d": 604_800 } as const;
const querySchema = z.object({ window: z.enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS]).default("5m") }).strict();

// A day or a week of the ledger costs seconds of database time: answered from a copy at most a
// minute old, so repeated asks (or a reader looping on them) cost one query a minute (review #13).
const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; body: unknown }>();

/** Ingest lag (receivedAt − occurredAt) and, per channel with an outbound connector, end-to-end lag (occurredAt → the channel's ack). */
export const GET = queryRoute("stock.read", querySchema, async ({ query }) => {
  // Up to a week of the ledger: on the read pool (few connections, statement_timeout).
  const { readPool: pool } = getServices();
  const seconds = WINDOWS[query.window];
  const hit = seconds >= 86_400 ? cache.get(query.window) : undefined;
  if (hit && Date.now() - hit.at < CACHE_MS) return Response.json(hit.body);
  const [ingest, endToEnd] = await Promise.all([getIngestLag(pool, seconds), getEndToEndLag(pool, seconds)]);
  const body = { window: query.window, ingest, endToEnd };
  if (seconds >= 86_400) cache.set(query.window, { at: Date.now(), body });
  return Response.json(body);
});
