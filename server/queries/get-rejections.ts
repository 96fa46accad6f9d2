import "server-only";
import type pg from "pg";

export interface Rejection {
  id: string;
  source: string | null;
  eventId: string | null;
  code: string;
  message: string;
  provider: string | null;
  topic: string | null;
  receivedAt: string;
  resubmittedAt: string | null;
  resubmitResult: string | null;
  /**
   * The first 2 KiB of the raw body (the whole of it is in the database); null for callers without
   * connectors.manage: provider bodies are orders and customers (names, emails, addresses).
   */
  rawPreview: string | null;
  rawBytes: number;
}

/** Rejected events and deliveries, newest first, with counts by source and reason (`GET /api/rejections`). */
export async function getRejections(pool: pg.Pool, q: { source?: string; code?: string; before?: string; limit: number }, opts: { raw: boolean }) {
  const rows = await pool.query(
    `SELECT id, source, event_id, code, message, provider, topic, received_at, resubmitted_at, resubmit_result,
            CASE WHEN $5 THEN left(raw, 2048) END AS raw_preview, octet_length(raw) AS raw_bytes
       FROM rejected_event
      WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR code = $2) AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [q.source ?? null, q.code ?? null, q.before ?? null, q.limit + 1, opts.raw],
  );
  // Open = not re-submitted yet, or re-submitted and refused again (counted apart, so the page can say which).
  const groups = await pool.query<{ source: string | null; code: string; n: number; again: number; last_at: Date }>(
    `SELECT source, code, COUNT(*)::int AS n, COUNT(*) FILTER (WHERE resubmitted_at IS NOT NULL)::int AS again, MAX(received_at) AS last_at FROM rejected_event
      WHERE received_at > now() - interval '7 days' AND (resubmitted_at IS NULL OR resubmit_result IN ('rejected', 'partial'))
      GROUP BY source, code ORDER BY COUNT(*) DESC LIMIT 100`,
  );
  const page = rows.rows.slice(0, q.limit);
  const items: Rejection[] = page.map((x) => ({
    id: String(x.id),
    source: x.source,
    eventId: x.event_id,
    code: x.code,
    message: x.message,
    provider: x.provider,
    topic: x.topic,
    receivedAt: x.received_at.toISOString(),
    resubmittedAt: x.resubmitted_at?.toISOString() ?? null,
    resubmitResult: x.resubmit_result,
    rawPreview: x.raw_preview,
    rawBytes: Number(x.raw_bytes),
  }));
  return {
    items,
    nextCursor: rows.rows.length > q.limit ? String(page[page.length - 1].id) : null,
    groups: groups.rows.map((g) => ({ source: g.source, code: g.code, count: g.n, rejectedAgain: g.again, lastAt: g.last_at.toISOString() })),
  };
}
