// The first-run setup code: how it is made and how a pasted one is read. What POST /api/setup
// accepts is lib/contracts/auth.ts. Pure (no server imports).

/** Crockford base32 without I, L, O, U: nothing to misread when copying it from a log. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** What a person may paste: any case, spaces or dashes; O/I/L read as 0/1/1. */
export function normalizeSetupCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** 12 symbols (60 bits) from at least 8 bytes, shown as XXXX-XXXX-XXXX. */
export function formatSetupCode(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes.slice(0, 8)) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 12; i++) out += ALPHABET[Number((bits >> BigInt(59 - i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}
