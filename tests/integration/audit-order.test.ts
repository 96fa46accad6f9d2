import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { getAuditLog, auditQuerySchema } from "@/server/queries/get-audit-log";
import { getRuleHistory } from "@/server/queries/get-rule-history";
import { startOnOwnDatabase } from "../support/own-database";
import type { TestServer } from "../support/test-server";

// Its own database, so the entry ids start at 1 and cross 9 → 10 and 99 → 100: sorted as text
// ("9" > "25" > "100") the newest-first order breaks exactly there.
const ENTRIES = 130;
let server: TestServer;

beforeAll(async () => {
  server = await startOnOwnDatabase("onepool_audit");
  const { pool } = server.services;
  for (let i = 1; i <= ENTRIES; i++) {
    // Every third entry is a rule change of the "web" channel, so the rule history crosses 100 too.
    const rule = i % 3 === 0;
    await recordAudit(pool, {
      actor: SYSTEM_ACTOR,
      action: rule ? "rule.updated" : "source.updated",
      target: rule ? `rule:${i}` : `source:s-${i}`,
      details: rule ? { channel: "web", n: i } : { n: i },
    });
  }
});
afterAll(() => server?.stop());

describe("audit log order", () => {
  it("lists every entry strictly newest first, and Load more continues exactly where the page ended", async () => {
    const { pool } = server.services;
    const all = (await pool.query<{ id: string }>("SELECT id FROM audit_log ORDER BY id DESC")).rows.map((r) => String(r.id));
    expect(all.length).toBeGreaterThanOrEqual(ENTRIES);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getAuditLog(pool, auditQuerySchema.parse({ limit: 25, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);

    expect(seen).toEqual(all); // nothing skipped, nothing repeated, numeric order
    const numbers = seen.map(Number);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeLessThan(numbers[i - 1]);
    // And the time order agrees with it.
    const first = await getAuditLog(pool, auditQuerySchema.parse({ limit: 200 }));
    for (let i = 1; i < first.entries.length; i++) expect(Date.parse(first.entries[i].at)).toBeLessThanOrEqual(Date.parse(first.entries[i - 1].at));
  });

  it("the rules' change history shows the newest changes first, also past id 100", async () => {
    const entries = await getRuleHistory(server.services.pool, "web", 10);
    const expected = (await server.services.pool.query<{ id: string }>("SELECT id FROM audit_log WHERE action = 'rule.updated' AND details->>'channel' = 'web' ORDER BY id DESC LIMIT 10")).rows.map(
      (r) => String(r.id),
    );
    expect(Number(expected[0])).toBeGreaterThan(100);
    expect(entries.map((e) => e.id)).toEqual(expected);
  });
});
