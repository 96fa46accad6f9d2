import { z } from "zod";
import { shopifyCasField, shopifyVersionOf } from "@/lib/outbound/shopify-set-quantities";

// A channel's outbound connector as PUT /api/channels/<code>/outbound takes it (docs/API.md). Pure.

/** The request body. */
export const outboundInput = z
  .object({
    provider: z.enum(["standard", "shopify"]).default("standard"),
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
    /** Standard Webhooks: `whsec_<base64>` or a plain string; Shopify: the Admin API access token. */
    secret: z.string().min(16, "must be at least 16 characters").max(1000),
    latencyMinutes: z.number().int().min(0).max(10_080).nullable().optional(),
    /** Shopify: the location (id or gid) whose available Onepool sets. */
    locationId: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.provider !== "shopify") return;
    if (!v.locationId) ctx.addIssue({ code: "custom", path: ["locationId"], message: "a Shopify connector needs the locationId whose available Onepool sets" });
    const version = shopifyVersionOf(v.url);
    if (!version) ctx.addIssue({ code: "custom", path: ["url"], message: "a Shopify URL ends in /admin/api/<version>/graphql.json" });
    else {
      try {
        shopifyCasField(version);
      } catch (e) {
        ctx.addIssue({ code: "custom", path: ["url"], message: e instanceof Error ? e.message : "unsupported API version" });
      }
    }
  });
export type OutboundInput = z.infer<typeof outboundInput>;
