import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { outboundSecretContext, parseSecretKey } from "@/server/connectors/secret-box";
import { upsertSource } from "@/server/connectors/upsert-source";
import { upgradeSealedSecrets } from "@/server/connectors/upgrade-sealed-secrets";
import { startTestServer, TEST_SECRET_KEY, uniqueCatalog, type TestServer } from "../support/test-server";
import { postWebhook, registerSource, standardHeaders, whsec } from "../support/webhooks";
import { tapLogLines } from "@/server/log/logger";

// Connector secrets at rest (review finding 21): fingerprints keyed with a key derived from the
// secret key (a database dump alone cannot test guesses), ciphertexts bound to their row (one
// copied into another row does not open there), and rows written before both are upgraded at start.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject("databaseUrl"));
});
afterAll(() => server?.stop());

/** A value sealed the way older versions did: AES-256-GCM without additional data, "v1". */
function sealV1(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", parseSecretKey(TEST_SECRET_KEY), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}
const sha256Prefix = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

async function source() {
  const c = uniqueCatalog();
  await server.catalog(c.input);
  const code = `rest-${c.tag}`;
  const secret = whsec();
  await registerSource(server, code, { provider: "standard", channel: c.channel, secrets: [secret] });
  const send = (key = secret) => {
    const raw = JSON.stringify([{ id: `ev-${c.tag}-${Math.random()}`, type: "receipt", sku: c.sku("A"), location: c.loc("wh"), quantity: 1, occurredAt: new Date(Date.now() - 1000).toISOString() }]);
    return postWebhook(server, `/api/webhooks/standard/${code}`, raw, standardHeaders(key, raw));
  };
  const row = async () =>
    (await server.services.pool.query<{ id: string; sealed: string; fingerprint: string }>("SELECT id, sealed, fingerprint FROM source_secret WHERE source_code = $1", [code])).rows[0];
  return { code, secret, send, row };
}

describe("source secrets at rest", () => {
  it("are fingerprinted with a keyed HMAC, not a plain SHA-256, and sealed bound to their row", async () => {
    const s = await source();
    const row = await s.row();
    expect(row.fingerprint).toMatch(/^h1:[0-9a-f]{32}$/);
    expect(row.fingerprint).not.toContain(sha256Prefix(s.secret));
    expect(row.sealed).toMatch(/^v2\./);
    expect((await s.send()).status).toBe(200);
  });

  it("a ciphertext copied into another source's row does not open there", async () => {
    const a = await source();
    const b = await source();
    await server.services.pool.query("UPDATE source_secret SET sealed = $2 WHERE id = $1", [(await b.row()).id, (await a.row()).sealed]);
    server.services.sources.forget(b.code);
    const errors: string[] = [];
    const untap = tapLogLines((line) => errors.push(line));
    try {
      // a's secret at b's URL: b's row now holds a's ciphertext, which is bound to a's row.
      expect((await postWebhook(server, `/api/webhooks/standard/${b.code}`, "[]", standardHeaders(a.secret, "[]"))).status).toBe(401);
    } finally {
      untap();
    }
    expect(errors.join("")).toContain("cannot be opened");
  });

  it("rows from before (v1 ciphertext, unkeyed fingerprint) are upgraded at start and keep working; before that a v1 row is not read", async () => {
    const s = await source();
    const row = await s.row();
    await server.services.pool.query("UPDATE source_secret SET sealed = $2, fingerprint = $3 WHERE id = $1", [row.id, sealV1(s.secret), sha256Prefix(s.secret)]);
    // Before the upgrade a v1 row is not read (so a swapped-in v1 value cannot bypass the binding).
    server.services.sources.forget(s.code);
    expect((await s.send()).status).toBe(401);
    expect(await upgradeSealedSecrets(server.services.pool, server.services.box)).toBeGreaterThanOrEqual(1);
    const after = await s.row();
    expect(after.sealed).toMatch(/^v2\./);
    expect(after.fingerprint).toMatch(/^h1:/);
    server.services.sources.forget(s.code);
    expect((await s.send()).status).toBe(200);
    expect(await upgradeSealedSecrets(server.services.pool, server.services.box)).toBe(0);
  });

  it("an unkeyed fingerprint still recognises a secret sent again before the upgrade rewrote it", async () => {
    const s = await source();
    const row = await s.row();
    await server.services.pool.query("UPDATE source_secret SET fingerprint = $2 WHERE id = $1", [row.id, sha256Prefix(s.secret)]);
    await upsertSource(server.services.pool, server.services.box, s.code, { provider: "standard", secrets: [s.secret] }, SYSTEM_ACTOR);
    const rows = await server.services.pool.query("SELECT id, revoked_at FROM source_secret WHERE source_code = $1", [s.code]);
    expect(rows.rows).toEqual([{ id: row.id, revoked_at: null }]);
  });
});

describe("outbound secrets at rest", () => {
  it("a v1 channel secret is re-sealed bound to its channel at start", async () => {
    const c = uniqueCatalog();
    await server.catalog(c.input);
    const id = (await server.services.pool.query("SELECT id FROM channel WHERE code = $1", [c.channel])).rows[0].id as number;
    await server.services.pool.query("INSERT INTO channel_outbound (channel_id, provider, url, secret_sealed, updated_at) VALUES ($1, 'standard', 'https://example.com/in', $2, now())", [
      id,
      sealV1("whsec_old_secret_value_0123456789"),
    ]);
    try {
      expect(await upgradeSealedSecrets(server.services.pool, server.services.box)).toBeGreaterThanOrEqual(1);
      const sealed = (await server.services.pool.query("SELECT secret_sealed FROM channel_outbound WHERE channel_id = $1", [id])).rows[0].secret_sealed as string;
      expect(sealed).toMatch(/^v2\./);
      expect(server.services.box.open(sealed, outboundSecretContext(id))).toBe("whsec_old_secret_value_0123456789");
      expect(() => server.services.box.open(sealed, outboundSecretContext(id + 1))).toThrow();
    } finally {
      await server.services.pool.query("DELETE FROM channel_outbound WHERE channel_id = $1", [id]);
    }
  });
});
