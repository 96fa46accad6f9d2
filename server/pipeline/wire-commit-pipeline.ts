import "server-only";
import type pg from "pg";
import { isInternalSource } from "@/lib/auth/token-restrictions";
import type { AlertEngine } from "@/server/alerts/alert-engine";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import { GroupCommitter } from "@/server/ingest/group-commit";
import type { PendingEvent } from "@/server/ingest/append-to-ledger";
import type { TrustOf } from "@/server/projection/fold-into-projection";
import type { Metrics } from "@/server/metrics/metrics";
import type { OutboundDispatcher } from "@/server/outbound/outbound-dispatcher";
import { Publisher } from "@/server/publishing/publisher";
import type { RealtimeHub } from "@/server/realtime/hub";
import type { ActivitySharer } from "@/server/realtime/share-activity";
import type { CountFactsChange } from "@/server/reconciliation/sync-count-facts";
import { convertOnOrder } from "@/server/reservations/convert-on-order";

/** Who hears of a commit and of a publish pass. */
export interface CommitPipelineDeps {
  /** The ingest pool: group commits run on it (busy reads cannot starve them). */
  ingestPool: pg.Pool;
  /** The main pool: the publisher's passes. */
  pool: pg.Pool;
  catalog: CatalogCache;
  trustOf: TrustOf;
  /** The hub exists only once the HTTP server does; until then commits and passes skip it. */
  hub: () => RealtimeHub | null;
  activity: ActivitySharer;
  metrics: Metrics;
  /** Null when this instance does not evaluate alerts (ONEPOOL_ALERTS off). */
  alerts: AlertEngine | null;
  outbound: OutboundDispatcher;
}

export interface CommitPipeline {
  committer: GroupCommitter;
  publisher: Publisher;
}

/**
 * The path of a stock change after ingest (docs/ARCHITECTURE.md): commit → publisher pass → hub frame
 * and outbound push. After each commit: the ingest lags (header, senders' activity, GET /metrics),
 * the publisher's dirty SKUs with the time end-to-end lag starts from, the alert engine's SKUs, and
 * the dashboard's reconciliation and drift facts. After each publish pass: the hub's dirty SKUs and a
 * kick of the outbound dispatcher (the pass queued their pushes).
 */
export function wireCommitPipeline(deps: CommitPipelineDeps): CommitPipeline {
  const { catalog, trustOf, hub, activity, metrics, alerts, outbound } = deps;
  const publisher = new Publisher(deps.pool, (ids) => {
    hub()?.markDirty(ids);
    outbound.kick();
  });
  publisher.onPass = (pass) => (pass ? metrics.recordPass(pass.totalMs / 1000, pass.everything) : metrics.recordFailedPass());

  const afterCommit = (ids: Set<number>, accepted: readonly PendingEvent[], facts: CountFactsChange) => {
    // A count landed or a drift moved: the dashboard's reconciliation tile and drift panel follow.
    if (facts.counts || facts.drift) hub()?.markFactsDirty(facts);
    const lags = accepted.map((p): [number, number] => [p.receivedAt.getTime(), p.receivedAt.getTime() - p.canonical.occurredAt.getTime()]);
    hub()?.recordIngestLags(lags);
    activity.committed(lags);
    // End-to-end lag starts at the earliest event that moved each SKU.
    const occurredAt = new Map<number, number>();
    for (const p of accepted) {
      const t = p.canonical.occurredAt.getTime();
      // Onepool's own writes (counts, holds) were not sent by anyone: no ingest lag to measure.
      if (!isInternalSource(p.canonical.source)) metrics.recordIngestLag(p.canonical.source, p.canonical.channel, p.receivedAt.getTime(), t);
      const prev = occurredAt.get(p.skuId);
      if (prev === undefined || t < prev) occurredAt.set(p.skuId, t);
    }
    publisher.markDirty(ids, occurredAt);
    alerts?.ingested(accepted.map((p) => ({ skuId: p.skuId, type: p.canonical.type })));
  };
  const committer = new GroupCommitter(deps.ingestPool, trustOf, afterCommit, convertOnOrder(catalog), (events, seconds) => metrics.recordCommit(events, seconds));
  return { committer, publisher };
}
