import { expect } from "vitest";
import type { SourceConfig, TranslateContext, Translation } from "@/lib/connectors/types";
import { parseCanonicalEvent } from "@/lib/events/parse-canonical-event";

// What the provider translators' unit tests (lib/connectors/*.test.ts) share: a source, a ledger stand-in and
// the checks on a translation's outcome.

/** A provider sample (tests/fixtures/providers): its topic, the headers it came with, the body as sent. */
export interface ProviderFixture {
  topic: string;
  headers: Record<string, string>;
  body: string;
}

/** A registered source as a translator test states it: its code, provider, channel and locations; no Mercado Libre
 *  application or user unless given. */
export function testSource(fields: Pick<SourceConfig, "code" | "provider" | "channel" | "locations"> & Partial<SourceConfig>): SourceConfig {
  return { applicationId: null, userId: null, ...fields };
}

/** Events of the source already in the ledger, by event id. */
export type KnownEvents = Record<string, { location: string; quantity: number }>;

/** A translate context for `source` whose ledger holds `known`; `asked` logs every findEvents call. */
export function ledgerContext(source: SourceConfig, known: KnownEvents = {}): { ctx: TranslateContext; asked: string[][] } {
  const asked: string[][] = [];
  const ctx: TranslateContext = {
    source,
    async findEvents(ids) {
      asked.push([...ids]);
      return new Map(ids.filter((id) => id in known).map((id) => [id, known[id]]));
    },
  };
  return { ctx, asked };
}

/** The translation, which must be events, each passing the canonical validator (what POST /api/events accepts) at `now`. */
export function expectEvents(t: Translation, now: Date): Extract<Translation, { kind: "events" }> {
  if (t.kind !== "events") throw new Error(`expected events, got ${JSON.stringify(t)}`);
  for (const e of t.events) {
    const r = parseCanonicalEvent(e, now, 120_000);
    expect(r.ok ? null : r.error, `event ${e.id}`).toBeNull();
  }
  return t;
}

/** The translation, which must be a rejection. */
export function expectRejection(t: Translation): Extract<Translation, { kind: "rejected" }> {
  if (t.kind !== "rejected") throw new Error(`expected a rejection, got ${JSON.stringify(t)}`);
  return t;
}
