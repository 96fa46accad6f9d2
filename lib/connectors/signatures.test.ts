import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifyShopify, verifyStandard, verifyWooCommerce } from "./signatures";

// Signatures are produced by an independent implementation: the `standardwebhooks` package (the
// scheme's reference library) and a plain HMAC as Shopify and WooCommerce document it.

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER = `whsec_${Buffer.from("another secret of 32 bytes.....!").toString("base64")}`;
const body = Buffer.from('{"id":"e1","quantity":3}');
const now = Date.UTC(2026, 10, 23, 12, 0, 0);

function signed(secret: string, at: number, id = "msg_1", raw = body) {
  return { id, timestamp: String(Math.floor(at / 1000)), signature: new Webhook(secret).sign(id, new Date(at), raw.toString("utf8")) };
}

describe("verifyStandard", () => {
  it("accepts a signature made by the standardwebhooks library", () => {
    expect(verifyStandard(body, signed(SECRET, now), [SECRET], now)).toEqual({ ok: true, secretIndex: 0 });
  });

  it("accepts either secret during a rotation and says which matched", () => {
    expect(verifyStandard(body, signed(OTHER, now), [SECRET, OTHER], now)).toEqual({ ok: true, secretIndex: 1 });
  });

  it("accepts a header with several signatures when one matches", () => {
    const h = signed(SECRET, now);
    const other = signed(OTHER, now).signature;
    expect(verifyStandard(body, { ...h, signature: `${other} ${h.signature}` }, [SECRET], now).ok).toBe(true);
  });

  it("refuses a wrong secret, a tampered body and a changed id", () => {
    expect(verifyStandard(body, signed(OTHER, now), [SECRET], now)).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(verifyStandard(Buffer.from('{"id":"e1","quantity":30}'), signed(SECRET, now), [SECRET], now)).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(verifyStandard(body, { ...signed(SECRET, now), id: "msg_2" }, [SECRET], now)).toMatchObject({ ok: false, code: "invalid_signature" });
  });

  it("refuses timestamps more than 5 minutes away, either way, even when correctly signed", () => {
    expect(verifyStandard(body, signed(SECRET, now - 301_000), [SECRET], now)).toMatchObject({ ok: false, code: "stale_timestamp" });
    expect(verifyStandard(body, signed(SECRET, now + 301_000), [SECRET], now)).toMatchObject({ ok: false, code: "stale_timestamp" });
    expect(verifyStandard(body, signed(SECRET, now - 299_000), [SECRET], now).ok).toBe(true);
  });

  it("names missing headers", () => {
    expect(verifyStandard(body, { id: "x" }, [SECRET], now)).toMatchObject({ ok: false, code: "missing_signature", message: expect.stringContaining("webhook-timestamp, webhook-signature") });
  });

  it("refuses when the source has no active secret", () => {
    expect(verifyStandard(body, signed(SECRET, now), [], now)).toMatchObject({ ok: false, code: "no_active_secret" });
  });
});

describe("verifyShopify / verifyWooCommerce", () => {
  const b64 = (secret: string, raw: Buffer) => createHmac("sha256", secret).update(raw).digest("base64");

  it("accepts the documented base64 HMAC-SHA256 of the raw body", () => {
    expect(verifyShopify(body, b64("shpss_app_secret", body), ["shpss_app_secret"])).toEqual({ ok: true, secretIndex: 0 });
    expect(verifyWooCommerce(body, b64("wc-secret", body), ["old", "wc-secret"])).toEqual({ ok: true, secretIndex: 1 });
  });

  it("refuses a tampered body, a wrong secret and a missing header", () => {
    expect(verifyShopify(Buffer.from("{}"), b64("s", body), ["s"])).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(verifyShopify(body, b64("s", body), ["t"])).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(verifyWooCommerce(body, undefined, ["s"])).toMatchObject({ ok: false, code: "missing_signature" });
  });
});
