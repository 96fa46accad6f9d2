import { describe, expect, it } from "vitest";
import { classifyResponse, pushBody, pushMessageId } from "./push-message";

describe("push message", () => {
  it("has exactly the documented fields", () => {
    const body = JSON.parse(pushBody({ type: "published_quantity.updated", channel: "amazon", sku: "KB-M", externalIds: ["B0X"], quantity: 3, sequence: 17 }));
    expect(body).toEqual({ type: "published_quantity.updated", channel: "amazon", sku: "KB-M", externalIds: ["B0X"], quantity: 3, sequence: 17 });
    expect(pushMessageId(17n)).toBe("psh_17");
  });

  it("acks 2xx, retries 429 and 5xx, rejects other 4xx and redirects", () => {
    expect(classifyResponse(204, "", null)).toEqual({ kind: "ack" });
    expect(classifyResponse(429, "slow down", 3000)).toEqual({ kind: "retry", reason: "HTTP 429: slow down", retryAfterMs: 3000 });
    expect(classifyResponse(503, "", null).kind).toBe("retry");
    expect(classifyResponse(401, "bad\n signature", null)).toEqual({ kind: "reject", status: 401, reason: "HTTP 401: bad signature" });
    expect(classifyResponse(301, "", null).kind).toBe("reject");
  });
});
