import { z } from "zod";
import { readQuery, route } from "@/server/http/route-helpers";
import { getEndToEndLag } from "@/server/queries/get-end-to-end-lag";
import { getIngestLag } from "@/server/queries/get-ingest-lag";
import { getServices } from "@/server/services";

const WINDOWS = { "5m": 300, "1h": 3600, "24h": 86_400, "7d": 604_800 } as const;
const query = z.object({ window: z.enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS]).default("5m") }).strict();

/** Ingest lag (receivedAt − occurredAt) and, per channel with an outbound connector, end-to-end lag (occurredAt → the channel's ack). */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  // Up to a week of the ledger: on the read pool (few connections, statement_timeout).
  const { readPool: pool } = getServices();
  const seconds = WINDOWS[parsed.query.window];
  const [ingest, endToEnd] = await Promise.all([getIngestLag(pool, seconds), getEndToEndLag(pool, seconds)]);
  return Response.json({ window: parsed.query.window, ingest, endToEnd });
});
