// API payload types, shared with the server by type-only imports: nothing from server/ reaches the
// client bundle (those modules import "server-only").
import type { z } from "zod";
import type { CycleCountBody } from "@/lib/contracts/counts";
import type { CreatePauseBody } from "@/lib/contracts/pauses";
import type { createPersonSchema, updatePersonSchema } from "@/lib/contracts/people";
import type { createRuleSchema, previewRuleSchema, ruleFieldsShape, updateRuleSchema } from "@/lib/contracts/rules";
import type { SourceBody } from "@/lib/contracts/sources";
import type { CreateTokenInput } from "@/lib/contracts/tokens";
import type { LedgerEntry } from "@/server/queries/get-sku-events";
import type { LocationLevel, SkuDetail } from "@/server/queries/get-sku-detail";
import type { SkuRow, SkuSort } from "@/server/queries/get-sku-rows";
import type { LagSummary } from "@/server/queries/get-ingest-lag";
import type { ChannelLag } from "@/server/queries/get-end-to-end-lag";
import type { OutboundHealth } from "@/server/queries/get-outbound-health";
import type { StockSummary } from "@/server/queries/get-stock-summary";
import type { FrameData, WireFrame } from "@/server/realtime/hub";
import type { SourceHealth, SourceView } from "@/server/queries/get-sources";
import type { SenderHealth } from "@/lib/metrics/sender-activity";
export type { SenderHealth };
import type { UnmappedListing } from "@/server/queries/get-unmapped";
import type { RuleView } from "@/server/queries/get-rules";
import type { CitedRule, ExplainedChannel } from "@/server/queries/get-published-explanation";
import type { ChannelLatency } from "@/server/queries/get-channel-latencies";
import type { Rejection } from "@/server/queries/get-rejections";
import type { EventResult } from "@/server/ingest/ingest-events";
import type { TokenView } from "@/server/auth/manage-tokens";
import type { TokenScope } from "@/lib/contracts/tokens";
import type { getCatalogCodes } from "@/server/queries/get-catalog-codes";
import type { PersonView } from "@/server/queries/get-people";
import type { AuditEntryView } from "@/server/queries/get-audit-log";
import type { PauseView } from "@/server/pauses/save-pause";

export type { FrameData, LagSummary, LedgerEntry, LocationLevel, SkuDetail, SkuRow, SkuSort, StockSummary, WireFrame };
export type StockStatus = SkuRow["status"];

export interface SkuPage {
  items: SkuRow[];
  nextCursor: string | null;
  total: number;
}
export interface SkuEventsPage {
  events: LedgerEntry[];
  nextBefore: string | null;
}
export interface SalesDays {
  days: { day: string; units: number }[];
}
export interface LagResponse {
  window: string;
  ingest: LagSummary;
  /** Per channel with an outbound connector; absent after a live lag frame (frames carry ingest lag only). */
  endToEnd?: ChannelLag[];
}

// Admin (connectors, issue 3).
export type { EventResult, Rejection, SourceHealth, UnmappedListing };
/** `GET /api/sources` adds how many requests the rate limiter refused since the server started. */
export type Source = SourceView & { health: SourceHealth & { rateLimitedSinceStart: number } };
export type SourceSecret = SourceView["secrets"][number];
export interface SourcesResponse {
  sources: Source[];
  /** Canonical senders (POST /api/events) that are not registered webhook sources, from this instance's memory. */
  senders?: SenderHealth[];
}
/** `PUT /api/sources/<code>` body (lib/contracts/sources.ts); a field left out keeps its value. */
export type { SourceBody };
export interface RotateSecretResult {
  id: string;
  hint: string;
  /** Only when Onepool generated it: shown once, never again. */
  secret?: string;
  previousExpireAt: string;
}
export interface UnmappedResponse {
  listings: UnmappedListing[];
  totalEvents: number;
}
export interface ReplayTotals {
  replayed: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  stillUnmapped: number;
}
export interface MapListingResult {
  listing: { channel: string; externalId: string; sku: string };
  replayed: ReplayTotals;
}
export interface RejectionGroup {
  source: string | null;
  code: string;
  /** Open: not yet re-submitted, or re-submitted and rejected again (of which `rejectedAgain`). */
  count: number;
  rejectedAgain: number;
  lastAt: string;
}
export interface RejectionsPage {
  items: Rejection[];
  nextCursor: string | null;
  groups: RejectionGroup[];
}
export interface ResubmitResult {
  id: string;
  /** accepted · duplicate · rejected · unmapped, and for deliveries also partial · ignored. */
  outcome: string;
  results: EventResult[];
  error?: { code: string; message: string };
}

// Connector tokens (`/api/tokens`, server/auth/manage-tokens.ts). Listing needs the admin scope too.
export type { TokenScope, TokenView };
export interface TokensResponse {
  tokens: TokenView[];
}
/** `POST /api/tokens` body (lib/contracts/tokens.ts), every list given (empty: any); `expiresInDays` null: never. */
export type IssueTokenBody = CreateTokenInput;
/** `POST /api/tokens` → 201: the value is returned once, only its hash is stored. */
export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: string | null;
}
/** `POST /api/tokens/<id>/rotate` → 201: the new token (same name, scopes, limits and expiry), shown once. */
export interface RotatedToken {
  id: string;
  token: string;
  /** When the rotated token stops working (now, with no overlap). */
  previousExpiresAt: string;
}
export interface RevokedToken {
  id: string;
  revokedAt: string;
}

/** `GET /api/catalog`: channels and locations by code, for pickers. */
export type CatalogCodes = Awaited<ReturnType<typeof getCatalogCodes>>;
export type CatalogChannel = CatalogCodes["channels"][number];
export type CatalogLocation = CatalogCodes["locations"][number];

// People (`/api/users`) and the audit log (`/api/audit`): signed-in people only, never connector tokens.
export type { AuditEntryView, PersonView };
export interface PeopleResponse {
  people: PersonView[];
}
/** `POST /api/users` body (lib/contracts/people.ts); the password is the first one, to hand over (they change it under Account). */
export type CreatePersonBody = z.input<typeof createPersonSchema>;
export interface PersonCreated {
  id: string;
  email: string;
  name: string;
  role: PersonView["role"];
}
/** `PATCH /api/users/<id>` body: only what changes. */
export type UpdatePersonBody = z.input<typeof updatePersonSchema>;
export interface PersonUpdated {
  id: string;
  /** Sessions ended by the change (deactivation or a password reset signs them out everywhere). */
  sessionsEnded: number;
  disconnect: boolean;
}
export interface AuditPage {
  entries: AuditEntryView[];
  nextCursor: string | null;
  /** Every distinct action ever recorded, for the filter. */
  actions: string[];
}

// Cycle counts (`POST /api/skus/<code>/counts`).
export type { CycleCountBody };
export interface CycleCountResult {
  id: string;
  status: "accepted" | "duplicate";
  /** False: the location trusts only other sources for counts, so this one is recorded as drift and on hand stays. */
  trusted: boolean;
}

// Pauses (`/api/pauses`, docs/CHANNEL-RULES.md): a channel, a SKU on every channel, or one (channel, SKU) shows 0.
export type Pause = PauseView;
export interface PausesResponse {
  pauses: Pause[];
}
/** `POST /api/pauses` body (lib/contracts/pauses.ts): at least one of channel and sku. */
export type { CreatePauseBody };
export interface PauseEnded {
  id: string;
  endedAt: string;
}
/** The pause behind a paused number (`pausedBy` on stock rows and SKU detail channels, as the server adds it). */
export interface ChannelPause {
  id: string;
  reason: string;
  by?: string;
  until: string | null;
}
/** One channel of `GET /api/skus/<code>/published`: how its number was reached. Buffer terms in units. */
export type PublishedChannel = ExplainedChannel;
export type { ChannelLatency, CitedRule };
export interface PublishedExplanation {
  sku: string;
  channels: PublishedChannel[];
}

// Allocation rules (`/api/rules`, docs/CHANNEL-RULES.md): one rule per scope (channel default, channel + tag, channel + SKU).
export type RuleScope = "channel" | "tag" | "sku";
/** The rule fields a write may set (lib/contracts/rules.ts); null removes a field (it is inherited again). */
export type RuleFieldsBody = z.input<z.ZodObject<typeof ruleFieldsShape>>;
/** A rule as `/api/rules` answers it (server/queries/get-rules.ts). */
export type Rule = RuleView;
/** Channel default first, then tag rules (oldest first), then SKU overrides (by SKU). */
export interface RulesResponse {
  rules: Rule[];
  /** The latency each asked channel's dynamic buffer uses now (measured or configured). */
  latencies: ChannelLatency[];
}
/** `POST /api/rules`: neither sku nor tag is the channel default. */
export type CreateRuleBody = z.input<typeof createRuleSchema>;
/** `PATCH /api/rules/<id>`: the version read, and only the fields that change. */
export type UpdateRuleBody = z.input<typeof updateRuleSchema>;
export interface RuleDeleted {
  id: string;
  deleted: true;
}
/** `POST /api/rules/preview`: a new rule, an existing one as a PATCH would leave it, or its deletion. */
export type RulePreviewBody = z.input<typeof previewRuleSchema>;
export interface RulePreviewSku {
  code: string;
  channel: string;
  before: number;
  after: number;
}
export interface RulePreview {
  channel: string;
  skus: RulePreviewSku[];
  /** (SKU, channel) pairs whose published number changes. */
  changed: number;
  /** `skus` is capped at 2,000; the totals still cover every SKU. */
  truncated: boolean;
  /** Σ over SKUs of (available real − published) on the rule's channel. */
  withheldBefore: number;
  withheldAfter: number;
}

// Outbound pushes (`GET /api/outbound`, issue 7): one entry per channel with an outbound connector.
export type { ChannelLag, OutboundHealth };
export interface OutboundResponse {
  channels: OutboundHealth[];
}
