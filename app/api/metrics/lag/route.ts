import { z } from "zod";
import { readQuery, route } from "@/server/http/route-helpers";
import { getIngestLag } from "@/server/queries/get-ingest-lag";
import { getServices } from "@/server/services";

const WINDOWS = { "5m": 300, "1h": 3600, "24h": 86_400, "7d": 604_800 } as const;
const query = z.object({ window: z.enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS]).default("5m") });

/** Ingest lag p50/p95. Per-channel end-to-end lag joins it once outbound pushes exist. */
export const GET = route(async (req: Request) => {
  const parsed = await readQuery(req, query);
  if (!parsed.ok) return parsed.response;
  return Response.json({ window: parsed.query.window, ingest: await getIngestLag(getServices().pool, WINDOWS[parsed.query.window]) });
});
