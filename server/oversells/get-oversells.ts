import "server-only";
import type pg from "pg";
import type { OversellLine } from "@/lib/oversells/types";

/** DESIGN §6.4: each order.cancelled with reason oversold whose cancellation is in [from, to), with its chain and cause. */
export async function getOversells(_pool: pg.Pool, _opts: { from: Date; to: Date; channel?: string; cause?: string }): Promise<OversellLine[]> {
  throw new Error("getOversells: not built yet (issue 16)");
}
