import "server-only";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { velocityRate } from "@/lib/metrics/velocity";
import { publishedNumbersFor, type AllocationContext, type PublishedNumbers } from "@/server/queries/load-allocation-context";
import { isDense, loadPublishInputsSorted, type PublishInput } from "./load-publish-inputs";

const CHUNK = 5000;

/** Where a pass spent its time (ms), for logs and the benchmark. Reads and writes overlap the computing, so the parts can add up to more than the pass. */
export interface PublishStats {
  skus: number;
  rowsWritten: number;
  /** Waiting for a chunk's inputs and stored rows (after the first, read while the previous chunk is computed). */
  readMs: number;
  computeMs: number;
  /** Writing the changed rows (each chunk's write runs while the next chunk is read and computed). */
  writeMs: number;
}

export const emptyPublishStats = (): PublishStats => ({ skus: 0, rowsWritten: 0, readMs: 0, computeMs: 0, writeMs: 0 });

/** Every SKU id, for a full recompute (a rule, pause or catalogue change; the rebuild). */
export async function allSkuIds(db: pg.Pool | pg.PoolClient): Promise<number[]> {
  return (await db.query<{ id: number }>("SELECT id FROM sku ORDER BY id")).rows.map((r) => r.id);
}

interface StoredRow {
  sku_id: number;
  channel_id: number;
  quantity: number;
  pause_id: number | null;
}

const STORED_BY_IDS = `SELECT p.sku_id, p.channel_id, p.quantity, p.pause_id
  FROM (SELECT DISTINCT id FROM unnest($1::int[]) AS u(id)) i JOIN published_quantity p ON p.sku_id = i.id`;
const STORED_BY_RANGE = "SELECT sku_id, channel_id, quantity, pause_id FROM published_quantity WHERE sku_id BETWEEN $1 AND $2";
// The numbers and, for channels that have an outbound connector and list the SKU, the push that
// tells them: ONE statement, so a crash can never store a number without its push (the durable
// outbox). The outbox keeps one row per (channel, SKU): a newer number replaces a pending one
// (coalesced) with a higher sequence; a number equal to the one the channel acknowledged is not
// sent again. A trigger on published_quantity appends each changed number to published_history
// (migration …_published_history_trigger): what a channel was allowed to show at any time.
const UPSERT = `WITH u AS (
    SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::timestamptz[]) AS u(sku_id, channel_id, quantity, pause_id, occurred_at)),
  pub AS (
    INSERT INTO published_quantity (sku_id, channel_id, quantity, pause_id, updated_at)
    SELECT u.sku_id, u.channel_id, u.quantity, u.pause_id, now() FROM u
    ON CONFLICT (sku_id, channel_id) DO UPDATE SET quantity = EXCLUDED.quantity, pause_id = EXCLUDED.pause_id, updated_at = now())
  INSERT INTO outbound_push AS o (channel_id, sku_id, quantity, state, next_attempt_at, first_occurred_at, last_occurred_at)
  SELECT u.channel_id, u.sku_id, u.quantity, 'pending', now(), u.occurred_at, u.occurred_at
    FROM u JOIN channel_outbound co ON co.channel_id = u.channel_id
   WHERE EXISTS (SELECT 1 FROM listing l WHERE l.channel_id = u.channel_id AND l.sku_id = u.sku_id)
   ORDER BY u.channel_id, u.sku_id
  ON CONFLICT (channel_id, sku_id) DO UPDATE SET
    quantity = EXCLUDED.quantity,
    sequence = GREATEST(o.sequence + 1, EXCLUDED.sequence),
    state = 'pending',
    attempts = CASE WHEN o.state = 'delivered' THEN 0 ELSE o.attempts END,
    next_attempt_at = CASE WHEN o.state = 'delivered' THEN now() ELSE o.next_attempt_at END,
    first_occurred_at = CASE WHEN o.state = 'delivered' THEN EXCLUDED.first_occurred_at ELSE LEAST(o.first_occurred_at, EXCLUDED.first_occurred_at) END,
    last_occurred_at = GREATEST(o.last_occurred_at, EXCLUDED.last_occurred_at),
    next_occurred_at = CASE WHEN o.state = 'pending' AND o.claimed_until > now() THEN LEAST(o.next_occurred_at, EXCLUDED.first_occurred_at) END
  WHERE NOT (o.state = 'delivered' AND o.acked_quantity = EXCLUDED.quantity)`;

/**
 * A chunk's inputs and stored rows. Consecutive ids (a full recompute: SKU ids are a sequence) are
 * read as an id range, which Postgres answers with index range scans; scattered ids by the list.
 */
async function readChunk(db: pg.Pool, chunk: readonly number[]): Promise<{ inputs: PublishInput[]; stored: StoredRow[] }> {
  const from = chunk[0];
  const to = chunk[chunk.length - 1];
  const dense = isDense(chunk);
  const [inputs, stored] = await Promise.all([
    loadPublishInputsSorted(db, chunk),
    db.query<StoredRow>(dense ? { name: "publish-stored-range", text: STORED_BY_RANGE, values: [from, to] } : { name: "publish-stored-ids", text: STORED_BY_IDS, values: [chunk] }),
  ]);
  if (!dense || to - from + 1 === chunk.length) return { inputs, stored: stored.rows };
  const wanted = new Set(chunk); // rows of SKUs in the range but not in the chunk are dropped
  return { inputs, stored: stored.rows.filter((r) => wanted.has(r.sku_id)) };
}

export interface PublishOptions {
  /** false only compares (`npm run rebuild -- --check`). */
  write: boolean;
  /** When the change that moved this SKU happened (ms): where its pushes' end-to-end lag starts. Default: now. */
  occurredAt?: (skuId: number) => number;
}

/**
 * Compute what every channel may show for these SKUs (docs/CHANNEL-RULES.md) and store the numbers that
 * changed (`write: false` only compares: `npm run rebuild -- --check`). Returns the ids of SKUs whose stored numbers changed (or differ). Chunked, so a 100,000-SKU
 * recompute holds neither one huge result nor one long transaction; pipelined, so Postgres reads
 * the next chunk and writes the previous one while this process computes the current one.
 */
export async function publishSkus(db: pg.Pool, ctx: AllocationContext, ids: readonly number[], stats?: PublishStats, opts: PublishOptions = { write: true }): Promise<number[]> {
  const changed: number[] = [];
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const chunks: number[][] = [];
  for (let i = 0; i < sorted.length; i += CHUNK) chunks.push(sorted.slice(i, i + CHUNK));
  const channelIds = ctx.channels.map((c) => c.id);
  const position = new Map(channelIds.map((id, i) => [id, i]));
  const n = channelIds.length;
  // Rows are written in key order (SKU id, channel id), so two instances' passes lock rows in the same order.
  const byChannelId = channelIds.map((_, i) => i).sort((a, b) => channelIds[a] - channelIds[b]);
  const numbers: PublishedNumbers = { published: [], pauseIds: [] };
  const s = stats ?? emptyPublishStats();
  const now = Date.now();
  const occurredAt = opts.occurredAt ?? (() => now);

  // Settled promises are parked with a no-op catch so that a failure surfaces where it is awaited, never as unhandled.
  const park = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {});
    return p;
  };
  let reading = chunks.length ? park(readChunk(db, chunks[0])) : null;
  let writing: Promise<unknown> | null = null;
  try {
    for (let c = 0; c < chunks.length; c++) {
      const t0 = performance.now();
      const { inputs, stored } = await reading!;
      inputs.sort((a, b) => a.id - b.id);
      reading = c + 1 < chunks.length ? park(readChunk(db, chunks[c + 1])) : null;
      const t1 = performance.now();

      // Stored (quantity, pause id) per SKU, by channel position; a missing row never equals a number.
      const before = new Map<number, (number | null)[]>();
      for (const r of stored) {
        const i = position.get(r.channel_id);
        if (i === undefined) continue;
        let row = before.get(r.sku_id);
        if (!row) before.set(r.sku_id, (row = new Array<number | null>(2 * n).fill(-1)));
        row[2 * i] = r.quantity;
        row[2 * i + 1] = r.pause_id;
      }
      const skuIds: number[] = [],
        chIds: number[] = [],
        qty: number[] = [],
        pauseIds: (number | null)[] = [],
        at: Date[] = [];
      for (const sku of inputs) {
        publishedNumbersFor(ctx, sku, sku.availableReal, velocityRate({ units24h: sku.units24h, units7d: sku.units7d }), numbers);
        const old = before.get(sku.id);
        let any = false;
        for (const i of byChannelId) {
          const published = numbers.published[i];
          const pauseId = numbers.pauseIds[i];
          if (old && old[2 * i] === published && old[2 * i + 1] === pauseId) continue;
          skuIds.push(sku.id);
          chIds.push(channelIds[i]);
          qty.push(published);
          pauseIds.push(pauseId);
          at.push(new Date(occurredAt(sku.id)));
          any = true;
        }
        if (any) changed.push(sku.id);
      }
      const t2 = performance.now();
      s.readMs += t1 - t0;
      s.computeMs += t2 - t1;
      s.skus += chunks[c].length;
      s.rowsWritten += skuIds.length;

      // One write in flight at a time, in chunk (so key) order.
      if (writing) await writing;
      if (skuIds.length && opts.write) {
        const w0 = performance.now();
        writing = park(db.query({ name: "publish-upsert", text: UPSERT, values: [skuIds, chIds, qty, pauseIds, at] }).then(() => (s.writeMs += performance.now() - w0)));
      } else writing = null;
    }
    if (writing) await writing;
  } finally {
    // On a failure, let whatever is still running finish before the caller retries.
    await Promise.allSettled([reading, writing]);
  }
  return changed;
}
