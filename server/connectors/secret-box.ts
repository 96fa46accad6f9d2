import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Provider signing secrets must be usable (an HMAC needs the secret itself), so they cannot be
// hashed like tokens: they are sealed with AES-256-GCM under a key that never enters the database.

/**
 * v2 binds each ciphertext to its row with AES-GCM additional data (`context`, e.g.
 * "source_secret:<source>:<id>"): a sealed value copied into another row (someone with write
 * access to the database, but not the key) no longer opens there. v1 (no context) is read only by
 * the upgrade at start (upgrade-sealed-secrets.ts), which re-seals every v1 row as v2.
 */
export class SecretBox {
  private readonly fingerprintKey: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("the secret key must be 32 bytes");
    this.fingerprintKey = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "onepool source-secret fingerprint v1", 32));
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v2", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  /** Throws when the value was sealed under another key, for another row, or tampered with. */
  open(sealed: string, context: string): string {
    const [v, iv, tag, body] = sealed.split(".");
    if (v !== "v2" || !iv || !tag || body === undefined) throw new Error(v === "v1" ? "a v1 sealed secret (upgraded at start)" : "not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }

  /** A v1 value (sealed without a context), for the upgrade only. */
  openLegacy(sealed: string): string {
    const [v, iv, tag, body] = sealed.split(".");
    if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("not a v1 sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }

  /**
   * Recognises a secret sent again without decrypting. Keyed (HMAC under a key derived from the
   * secret key): a plain hash in a database dump let short or chosen secrets be guessed offline.
   */
  fingerprint(secret: string): string {
    return `h1:${createHmac("sha256", this.fingerprintKey).update(secret, "utf8").digest("hex").slice(0, 32)}`;
  }

  /** Both forms a stored fingerprint may have (the unkeyed one until the upgrade at start rewrote it). */
  fingerprints(secret: string): [string, string] {
    return [this.fingerprint(secret), legacyFingerprint(secret)];
  }
}

/** The context a source secret is sealed under. */
export const sourceSecretContext = (sourceCode: string, id: string) => `source_secret:${sourceCode}:${id}`;
/** The context a channel's outbound secret is sealed under. */
export const outboundSecretContext = (channelId: number) => `channel_outbound:${channelId}`;

/** The unkeyed fingerprint of older rows: first 16 hex of SHA-256. Only to recognise them until upgraded. */
export const legacyFingerprint = (secret: string): string => createHash("sha256").update(secret).digest("hex").slice(0, 16);

export function parseSecretKey(value: string): Buffer {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

/**
 * The key from ONEPOOL_SECRET_KEY, or from `<data dir>/secret.key`, created (mode 600) on first
 * start. Several instances on one database must share the key: set ONEPOOL_SECRET_KEY for them.
 */
export async function loadSecretKey(envKey: string | undefined, dataDir: string): Promise<{ key: Buffer; origin: string }> {
  if (envKey) return { key: parseSecretKey(envKey), origin: "ONEPOOL_SECRET_KEY" };
  const file = path.resolve(dataDir, "secret.key");
  try {
    return { key: parseSecretKey((await readFile(file, "utf8")).trim()), origin: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // "wx": never overwrite a key another process wrote a moment ago; read theirs instead.
  try {
    await writeFile(file, `${key.toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    await chmod(file, 0o600);
    return { key, origin: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { key: parseSecretKey((await readFile(file, "utf8")).trim()), origin: file };
  }
}
