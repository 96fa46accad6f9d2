import { describe, expect, it } from "vitest";
import { LookupFailed, translateDelivery } from "./translate-delivery";
import type { TranslateContext } from "./types";
import { testSource } from "@/tests/support/translator-harness";

const source = testSource({ code: "woo-1", provider: "woocommerce", channel: "web", locations: { default: "wh" } });
const cancelled = {
  headers: { "x-wc-webhook-topic": "order.updated", "x-wc-webhook-resource": "order", "x-wc-webhook-event": "updated" },
  body: { id: 727, status: "cancelled", date_modified_gmt: "2017-03-22T19:41:12", line_items: [{ id: 315, product_id: 93, variation_id: 0, quantity: 2 }] },
  receivedAt: new Date("2017-03-22T19:41:13Z"),
};

describe("translateDelivery", () => {
  it("throws a failed ledger lookup on as LookupFailed (the endpoint answers 503), never a rejection", async () => {
    const ctx: TranslateContext = { source, findEvents: () => Promise.reject(new Error("Connection terminated unexpectedly")) };
    await expect(translateDelivery("woocommerce", cancelled, ctx)).rejects.toBeInstanceOf(LookupFailed);
  });

  it("still turns a body the translator cannot read into a rejection", async () => {
    const ctx: TranslateContext = { source, findEvents: async () => new Map() };
    const t = await translateDelivery("woocommerce", { ...cancelled, body: { id: 727, status: "cancelled", line_items: "nope" } }, ctx);
    expect(t.kind).toBe("rejected");
  });
});
