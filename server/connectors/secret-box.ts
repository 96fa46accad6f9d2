import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Provider signing secrets must be usable (an HMAC needs the secret itself), so they cannot be
// hashed like tokens: they are sealed with AES-256-GCM under a key that never enters the database.

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("the secret key must be 32 bytes");
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  /** Throws when the value was sealed under another key or tampered with. */
  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split(".");
    if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}

/** Identifies a secret without revealing it (the secrets are random, so a plain hash is enough). */
export const secretFingerprint = (secret: string): string => createHash("sha256").update(secret).digest("hex").slice(0, 16);

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
    await writeFile(file, key.toString("hex") + "\n", { flag: "wx", mode: 0o600 });
    await chmod(file, 0o600);
    return { key, origin: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { key: parseSecretKey((await readFile(file, "utf8")).trim()), origin: file };
  }
}
