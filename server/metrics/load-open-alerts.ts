import "server-only";
import type pg from "pg";

/** Open alerts per kind, and how many of them are muted now (the (state, kind) index). */
export async function loadOpenAlerts(pool: pg.Pool): Promise<{ kind: string; open: number; muted: number }[]> {
  const r = await pool.query<{ kind: string; open: number; muted: number }>(
    `SELECT a.kind, count(*)::int AS open, count(m.kind)::int AS muted
       FROM alert a LEFT JOIN alert_mute m ON m.kind = a.kind AND m.subject_key = a.subject_key AND m.until > now()
      WHERE a.state = 'open' GROUP BY a.kind`,
  );
  return r.rows;
}
