import "server-only";
import type pg from "pg";
import type { ContextChange } from "@/lib/realtime/context-change";
import type { TokenVerifier } from "@/server/auth/connector-tokens";
import type { SourceRegistry } from "@/server/connectors/source-registry";
import { replayUnmapped } from "@/server/connectors/replay-unmapped";
import type { CatalogCache } from "@/server/ingest/catalog-cache";
import type { IngestDeps } from "@/server/ingest/ingest-events";
import { refoldLocations } from "@/server/projection/refold-locations";
import type { Publisher } from "@/server/publishing/publisher";
import { loggerFor } from "@/server/log/logger";

const changeLog = loggerFor("realtime");

export interface ContextDeps {
  pool: pg.Pool;
  catalog: CatalogCache;
  tokens: TokenVerifier;
  sources: SourceRegistry;
  publisher: Pick<Publisher, "contextChanged">;
  ingest: IngestDeps;
  /** The live screens: every row may have changed. */
  markAllDirty: () => void;
}

/**
 * What another instance changed, applied here in the order heard (one at a time: a catalogue reload
 * must finish before the refold that reads its trusted sources). Failures are logged; the next
 * change, or a reconnect's full reload, makes up for them.
 */
export class ContextFollower {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ContextDeps) {}

  apply(change: ContextChange): Promise<void> {
    // Caches that are simply dropped do not wait behind a catalogue reload or refold: a revocation bites at once.
    if (change.kind === "tokens") return Promise.resolve(this.deps.tokens.forget());
    if (change.kind === "sources") return Promise.resolve(this.deps.sources.forget(change.code ?? undefined));
    return this.enqueue(() => this.run(change));
  }

  /** The bus was down: whatever changed meanwhile was not heard, so reload it all. */
  reloadEverything(): Promise<void> {
    return this.enqueue(async () => {
      this.deps.tokens.forget();
      this.deps.sources.forget();
      await this.deps.catalog.reload();
      this.deps.publisher.contextChanged();
      this.deps.markAllDirty();
    });
  }

  /** Resolves once everything heard so far is applied (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((err: unknown) => changeLog.error({ err }, "applying another instance's change failed"));
    return this.chain;
  }

  private async run(c: ContextChange): Promise<void> {
    const d = this.deps;
    switch (c.kind) {
      case "tokens":
        d.tokens.forget();
        return;
      case "sources":
        d.sources.forget(c.code ?? undefined);
        return;
      case "rules":
      case "pauses":
        d.publisher.contextChanged();
        return;
      case "catalog":
        await d.catalog.reload();
        // Batches this instance folded between the other's commit and the reload above used the old
        // trusted sources: refold here too (idempotent), as the instance that changed them does.
        if (c.trustChanged.length) await refoldLocations(d.pool, c.trustChanged);
        // An event parked here in that same moment, for a listing just mapped, is applied now.
        if (c.listings.length) await replayUnmapped(d, c.listings);
        d.publisher.contextChanged();
        d.markAllDirty();
        return;
    }
  }
}
