import { z } from "zod";
import { CONNECTOR_EVENT_TYPES, INTERNAL_SOURCE_PREFIX, isInternalSource } from "@/lib/auth/token-restrictions";
import type { EventType } from "@/lib/quantity/types";

// Connector tokens: what POST /api/tokens and POST /api/tokens/<id>/rotate accept (docs/API.md), used by
// the routes to parse and by the Tokens screen's form to check, so the form never lets through what
// the route refuses.

// "catalog" loads SKUs, locations, channels and listings (PUT /api/catalog); "admin" lets scripts
// provision connector sources, secrets, tokens and mappings through the API (lib/auth/roles.ts says
// exactly what each scope allows). "metrics" scrapes GET /metrics and nothing else, so a monitoring
// system's credential reads no stock. Tokens never open pages, people or the audit log.
export const TOKEN_SCOPES = ["ingest", "read", "reserve", "catalog", "metrics", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** How many of each limit (sources, event types, locations, channels) a token may list. */
export const MAX_TOKEN_LIMITS = 100;
export const MAX_TOKEN_DAYS = 3650;
export const MAX_TOKEN_NAME = 100;

const code = z.string().trim().min(1).max(100);

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_TOKEN_NAME),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
    /** What its events may name (POST /api/events); each list empty = any. */
    sources: z
      .array(code.refine((s) => !isInternalSource(s), `"${INTERNAL_SOURCE_PREFIX}*" sources are Onepool's own: no token may write under them`))
      .max(MAX_TOKEN_LIMITS)
      .default([]),
    eventTypes: z
      .array(z.enum(CONNECTOR_EVENT_TYPES as [EventType, ...EventType[]]))
      .max(CONNECTOR_EVENT_TYPES.length)
      .default([]),
    locations: z.array(code).max(MAX_TOKEN_LIMITS).default([]),
    /** The channels its reservations may hold for (POST /api/reservations); empty = any. */
    channels: z.array(code).max(MAX_TOKEN_LIMITS).default([]),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullish(),
  })
  .strict();

/** A rotation's overlap (tokens and source secrets): up to 30 days, a day unless given. */
export const overlapSecondsField = z
  .number()
  .int()
  .min(0)
  .max(30 * 86_400)
  .default(86_400);

export const rotateTokenSchema = z
  .object({
    /** How long the old token stays valid beside the new one (0 = revoke it now). */
    overlapSeconds: overlapSecondsField,
    /** The new token's lifetime; left out, it keeps the old token's expiry as it was before the rotation. */
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullish(),
  })
  .strict();

export type CreateTokenBody = z.input<typeof createTokenSchema>;
export type CreateTokenInput = z.output<typeof createTokenSchema>;
export type RotateTokenBody = z.input<typeof rotateTokenSchema>;
