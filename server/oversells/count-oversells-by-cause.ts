import "server-only";
import type pg from "pg";
import type { OversellCause } from "@/lib/oversells/types";

/** The scorecard's `oversells` figure (DESIGN §6.3/§6.4): oversold cancellations in [from, to) by channel and cause. */
export async function countOversellsByCause(_pool: pg.Pool, _from: Date, _to: Date): Promise<{ channel: string | null; cause: OversellCause; count: number }[]> {
  throw new Error("countOversellsByCause: not built yet (issue 16)");
}
