import { z } from "zod";
import { PROVIDERS } from "@/lib/connectors/types";
import { overlapSecondsField } from "./tokens";

// Connector sources: what PUT /api/sources/<code> accepts (docs/API.md, docs/CONNECTORS.md), used by
// the route to parse and by the Sources screen's form to check.

/** A source code: 1–63 lower-case letters, digits, - or _, starting with a letter or digit (it is a URL segment). */
export const SOURCE_CODE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const MAX_RATE_PER_MINUTE = 600_000;

const idLike = z.union([z.string().trim().min(1).max(64), z.number().int().nonnegative()]).transform(String);
const secretValue = z.string().min(16, "a secret has at least 16 characters").max(512);

export const sourceSchema = z
  .object({
    provider: z.enum(PROVIDERS),
    channel: z.string().trim().min(1).max(100).nullish(),
    secrets: z
      .array(z.union([secretValue, z.object({ secret: secretValue, expiresAt: z.iso.datetime({ offset: true }).nullish() }).strict()]))
      .max(10)
      .optional(),
    locations: z.record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(100)).optional(),
    applicationId: idLike.nullish(),
    userId: idLike.nullish(),
    notificationKey: z.string().min(16, "a notification key has at least 16 characters").max(256).nullish(),
    /** Shopify: the shop whose deliveries this source takes (X-Shopify-Shop-Domain); one app's secret signs every shop's. */
    shopDomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/, "a shop domain looks like <handle>.myshopify.com")
      .nullish(),
    rateLimitPerMinute: z.number().int().min(1).max(MAX_RATE_PER_MINUTE).optional(),
  })
  .strict()
  .refine((v) => !v.shopDomain || v.provider === "shopify", { path: ["shopDomain"], message: "shopDomain is for Shopify sources" });
export type SourceInput = z.infer<typeof sourceSchema>;
/** The body as sent: a field left out keeps its value. */
export type SourceBody = z.input<typeof sourceSchema>;

/** POST /api/sources/<code>/secrets: add a secret (or let Onepool generate one) and keep the old ones for an overlap. */
export const rotateSourceSecretSchema = z
  .object({
    secret: z.string().min(16, "a secret has at least 16 characters").max(512).optional(),
    /** How long the secrets held so far stay valid beside the new one (0 = revoke them now). */
    overlapSeconds: overlapSecondsField,
  })
  .strict();
export type RotateSourceSecretBody = z.input<typeof rotateSourceSecretSchema>;
