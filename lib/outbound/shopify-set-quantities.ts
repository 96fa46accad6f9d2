// Shopify outbound push: set a channel's published `available` quantity with the Admin GraphQL
// `inventorySetQuantities` mutation, compare-and-set, and an idempotency key. Pure: no I/O here —
// callers POST what `buildSetQuantities` returns and hand the answer to `readSetQuantitiesResponse`.
//
// Facts this module relies on (read from Shopify's public docs, November 2026):
//
// Endpoint and auth — POST https://<shop>.myshopify.com/admin/api/<version>/graphql.json with
//   `Content-Type: application/json` and `X-Shopify-Access-Token: <token>`; body {query, variables}.
//   https://shopify.dev/docs/api/admin-graphql
//   https://shopify.dev/docs/api/admin-graphql/2026-01/mutations/inventorySetQuantities (cURL example)
//
// Mutation — inventorySetQuantities(input: InventorySetQuantitiesInput!) → {inventoryAdjustmentGroup,
//   userErrors {code field message}}; requires the `write_inventory` scope.
//   InventorySetQuantitiesInput: name (String!, "available" | "on_hand"), reason (String!, one of the
//   documented reasons, e.g. "correction"), referenceDocumentUri (String, a URI with a scheme),
//   quantities ([InventoryQuantityInput!]!), and up to 2026-01 also ignoreCompareQuantity (Boolean,
//   default false). InventoryQuantityInput: inventoryItemId (ID!), locationId (ID!), quantity (Int!),
//   compareQuantity (Int; deprecated in 2026-01, removed in 2026-04), changeFromQuantity (Int; new in
//   2026-01, mandatory from 2026-04 — pass null explicitly to skip the check).
//   https://shopify.dev/docs/api/admin-graphql/2026-01/input-objects/InventorySetQuantitiesInput
//   https://shopify.dev/docs/api/admin-graphql/2026-01/input-objects/InventoryQuantityInput
//   https://shopify.dev/docs/api/admin-graphql/2026-07/input-objects/InventoryQuantityInput
//   https://shopify.dev/changelog/compare-and-swap-redesign-for-inventory-set-quantities (2026-01)
//   https://shopify.dev/changelog/finalizing-compare-and-swap-redesign-for-inventory-set-quantities (2026-04, breaking)
//
// Compare-and-set — compareQuantity: the set only happens if the persisted quantity equals it, else
//   userError COMPARE_QUANTITY_STALE; if neither compareQuantity nor ignoreCompareQuantity:true is
//   given: COMPARE_QUANTITY_REQUIRED. changeFromQuantity: same check, error CHANGE_FROM_QUANTITY_STALE.
//   Any value given to changeFromQuantity (null included) overrides compareQuantity/ignoreCompareQuantity.
//   https://shopify.dev/docs/api/admin-graphql/2026-01/enums/InventorySetQuantitiesUserErrorCode
//
// Idempotency — `@idempotent(key: $idempotencyKey)` on the mutation field, key declared `String!`;
//   optional from 2026-01, required from 2026-04 (a runtime error without it, though the schema does
//   not mark it required). A duplicate key with the same variables returns the original result; a key
//   reused with different variables gives IDEMPOTENCY_KEY_PARAMETER_MISMATCH; IDEMPOTENCY_CONCURRENT_REQUEST
//   means "in progress, try again"; IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED means "retry with a new key".
//   https://shopify.dev/changelog/adding-idempotency-for-inventory-adjustments-and-refund-mutations
//   https://shopify.dev/changelog/making-idempotency-mandatory-for-inventory-adjustments-and-refund-mutations
//   https://shopify.dev/docs/api/usage/idempotent-requests
//   https://shopify.dev/docs/api/usage/implementing-idempotency
//
// Version chosen — 2026-01: the newest stable version that still has compareQuantity, and the first
//   with @idempotent, i.e. the only version where "compareQuantity + idempotency key" exists as the
//   issue describes. Stable versions live at least 12 months (https://shopify.dev/docs/api/usage/versioning),
//   so 2026-01 is expected to stop being served around 2027-01-01; Shopify then falls forward to the
//   oldest supported version (2026-04), where compareQuantity no longer exists. The builder therefore
//   also emits the 2026-04+ form (changeFromQuantity) when given a newer `apiVersion`; moving is a
//   one-constant change. Both stale codes are read as "stale" either way.
//
// Ids — GIDs `gid://shopify/InventoryItem/<n>` and `gid://shopify/Location/<n>`; numeric ids exceed
//   2^53 (legacyResourceId is UnsignedInt64), so they stay strings end to end.
//   https://shopify.dev/docs/api/admin-graphql/2026-01/objects/InventoryItem
//
// Errors and throttling — HTTP: 400 bad JSON/content type, 401 bad/missing token, 402 shop frozen,
//   403 missing scope, 404 not found, 423 shop locked, 429 too many requests, 5xx server.
//   https://shopify.dev/docs/api/usage/response-codes
//   GraphQL-level failures come back as HTTP 200 with top-level `errors[].extensions.code`
//   (THROTTLED, ACCESS_DENIED, SHOP_INACTIVE, INTERNAL_SERVER_ERROR, MAX_COST_EXCEEDED) and the bucket
//   state in top-level `extensions.cost` {requestedQueryCost, actualQueryCost, throttleStatus
//   {maximumAvailable, currentlyAvailable, restoreRate}} — restoreRate is points per second.
//   https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
//   https://shopify.dev/docs/api/usage/limits
//
// Reading the current number — InventoryItem.inventoryLevel(locationId: ID!) → InventoryLevel |
//   null (null: not stocked there), InventoryLevel.quantities(names: ["available"]) → [{name, quantity}].
//   InventoryItem implements Node, so several items go in one `nodes(ids:)` call.

import { z } from "zod";
import { parseRetryAfterSeconds } from "./retry-schedule";

/** The Admin API version the push talks to (see the header for why this one). */
export const SHOPIFY_API_VERSION = "2026-01";

/** First version where compareQuantity/ignoreCompareQuantity are gone and changeFromQuantity is mandatory. */
export const SHOPIFY_CHANGE_FROM_SINCE = "2026-04";

/** @idempotent exists from this version; older versions would reject the directive. */
const IDEMPOTENT_SINCE = "2026-01";

/** Documented upper bound for a set quantity (INVALID_QUANTITY_TOO_HIGH). */
const MAX_QUANTITY = 1_000_000_000;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export type ShopifyGidKind = "InventoryItem" | "Location";

export type ShopifyOutcome = { kind: "ack" } | { kind: "stale"; reason: string } | { kind: "retry"; reason: string; retryAfterMs: number | null } | { kind: "reject"; status: number; reason: string };

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Ids, endpoint, headers

/** `gid://shopify/<kind>/<n>` from a numeric string or an existing gid of that kind. Never via Number. */
export function shopifyGid(kind: ShopifyGidKind, id: string): string {
  const s = id.trim();
  // Up to 20 digits: UnsignedInt64. No leading zero, so one item cannot have two spellings.
  if (/^[1-9][0-9]{0,19}$/.test(s)) return `gid://shopify/${kind}/${s}`;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/([1-9][0-9]{0,19})$/.exec(s);
  if (m && m[1] === kind) return `gid://shopify/${kind}/${m[2]}`;
  throw new TypeError(`not a Shopify ${kind} id: ${JSON.stringify(id)} (expected digits or gid://shopify/${kind}/<digits>)`);
}

/** Which compare-and-set field an API version takes. */
export function shopifyCasField(apiVersion: string = SHOPIFY_API_VERSION): "compareQuantity" | "changeFromQuantity" {
  if (apiVersion === "unstable") return "changeFromQuantity";
  if (!/^\d{4}-(01|04|07|10)$/.test(apiVersion)) throw new RangeError(`not a Shopify API version: ${JSON.stringify(apiVersion)}`);
  // Date-named versions compare correctly as strings.
  if (apiVersion < IDEMPOTENT_SINCE) throw new RangeError(`API version ${apiVersion} predates @idempotent (needs ${IDEMPOTENT_SINCE} or later)`);
  return apiVersion < SHOPIFY_CHANGE_FROM_SINCE ? "compareQuantity" : "changeFromQuantity";
}

/** The API version a Shopify URL names (…/admin/api/<version>/graphql.json). */
export function shopifyVersionOf(url: string): string | null {
  return /\/admin\/api\/([^/]+)\/graphql\.json$/.exec(new URL(url).pathname)?.[1] ?? null;
}

/** The GraphQL endpoint for a shop handle ("acme", "acme.myshopify.com" or its https URL). */
export function shopifyGraphqlUrl(shop: string, apiVersion: string = SHOPIFY_API_VERSION): string {
  shopifyCasField(apiVersion);
  const handle = shop
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/+$/, "")
    .replace(/\.myshopify\.com$/i, "");
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(handle)) throw new TypeError(`not a Shopify shop handle: ${JSON.stringify(shop)}`);
  return `https://${handle.toLowerCase()}.myshopify.com/admin/api/${apiVersion}/graphql.json`;
}

export function shopifyRequestHeaders(accessToken: string): Record<string, string> {
  if (!accessToken.trim()) throw new TypeError("the Shopify access token is empty");
  return { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Access-Token": accessToken };
}

// ---------------------------------------------------------------------------------------------
// The push

/**
 * Selection kept to fields present in every version from 2026-01 on; `code` is what we branch on.
 * Only userErrors: at most 4 KiB of an answer is read (docs/SECURITY.md), and the adjustment group's
 * changes grow with every item, so asking for them made long successes unreadable.
 */
export const SET_QUANTITIES_MUTATION = `mutation OnepoolSetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    userErrors {
      code
      field
      message
    }
  }
}`;

export interface SetQuantitiesInput {
  inventoryItemIds: string[];
  locationId: string;
  quantity: number;
  /** The `available` we believe Shopify holds now; null = we do not know it (skip the check). */
  compareQuantity: number | null;
  /** Must change whenever the variables change (compare value included), or Shopify answers IDEMPOTENCY_KEY_PARAMETER_MISMATCH. */
  idempotencyKey: string;
  /** Shows in the merchant's inventory history, e.g. gid://onepool/Publication/<id>. */
  referenceDocumentUri: string;
  /** Defaults to SHOPIFY_API_VERSION; 2026-04 and later get the changeFromQuantity form. */
  apiVersion?: string;
}

export function buildSetQuantities(input: SetQuantitiesInput): GraphqlRequest {
  const cas = shopifyCasField(input.apiVersion ?? SHOPIFY_API_VERSION);
  if (input.inventoryItemIds.length === 0) throw new RangeError("no inventory items to set");
  if (!Number.isInteger(input.quantity) || input.quantity < 0 || input.quantity > MAX_QUANTITY) {
    throw new RangeError(`quantity must be an integer from 0 to ${MAX_QUANTITY}, got ${input.quantity}`);
  }
  const compare = input.compareQuantity;
  if (compare !== null && (!Number.isInteger(compare) || compare < INT32_MIN || compare > INT32_MAX)) {
    throw new RangeError(`compareQuantity must be a 32-bit integer or null, got ${compare}`);
  }
  const key = input.idempotencyKey.trim();
  if (!key) throw new TypeError("the idempotency key is empty");
  const uri = input.referenceDocumentUri.trim();
  // Shopify wants a URI with a scheme (INVALID_REFERENCE_DOCUMENT otherwise).
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri)) throw new TypeError(`referenceDocumentUri must be a URI with a scheme, got ${JSON.stringify(input.referenceDocumentUri)}`);

  const locationId = shopifyGid("Location", input.locationId);
  const seen = new Set<string>();
  const quantities = input.inventoryItemIds.map((raw) => {
    const inventoryItemId = shopifyGid("InventoryItem", raw);
    // Shopify rejects a repeated item/location pair (NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR).
    if (seen.has(inventoryItemId)) throw new RangeError(`inventory item ${inventoryItemId} is listed twice`);
    seen.add(inventoryItemId);
    // One compare value for every item: each item is expected to show the same published number.
    return { inventoryItemId, locationId, quantity: input.quantity, [cas]: compare };
  });

  const setInput: Record<string, unknown> = { name: "available", reason: "correction", referenceDocumentUri: uri, quantities };
  // "We do not know the current number": before 2026-04 the documented opt-out is
  // ignoreCompareQuantity: true (with compareQuantity null, as Shopify's own example sends it);
  // from 2026-04 it is changeFromQuantity: null, which the entries above already carry.
  if (cas === "compareQuantity" && compare === null) setInput.ignoreCompareQuantity = true;

  return { query: SET_QUANTITIES_MUTATION, variables: { input: setInput, idempotencyKey: key } };
}

// ---------------------------------------------------------------------------------------------
// Reading the current `available`

export const READ_AVAILABLE_QUERY = `query OnepoolReadAvailable($ids: [ID!]!, $locationId: ID!) {
  nodes(ids: $ids) {
    ... on InventoryItem {
      id
      inventoryLevel(locationId: $locationId) {
        quantities(names: ["available"]) {
          name
          quantity
        }
      }
    }
  }
}`;

export function buildReadAvailable(input: { inventoryItemIds: string[]; locationId: string }): GraphqlRequest {
  if (input.inventoryItemIds.length === 0) throw new RangeError("no inventory items to read");
  const ids = [...new Set(input.inventoryItemIds.map((id) => shopifyGid("InventoryItem", id)))];
  return { query: READ_AVAILABLE_QUERY, variables: { ids, locationId: shopifyGid("Location", input.locationId) } };
}

/** Keys are inventory item gids; get/has/delete also accept the numeric id. */
class InventoryItemMap extends Map<string, number | null> {
  override get(key: string) {
    return super.get(itemKey(key));
  }
  override has(key: string) {
    return super.has(itemKey(key));
  }
  override set(key: string, value: number | null) {
    return super.set(itemKey(key), value);
  }
  override delete(key: string) {
    return super.delete(itemKey(key));
  }
}

function itemKey(key: string): string {
  try {
    return shopifyGid("InventoryItem", key);
  } catch {
    return key;
  }
}

const ReadAvailableSchema = z.object({
  data: z.object({
    nodes: z.array(
      z
        .object({
          // Absent when the id resolved to some other type (the fragment does not apply).
          id: z.string().optional(),
          inventoryLevel: z
            .object({ quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })) })
            .nullable()
            .optional(),
        })
        .nullable(),
    ),
  }),
});

/**
 * Item → current `available` at the location; null when the item is not stocked there. Items
 * Shopify does not know (null nodes) are left out. Throws on GraphQL errors or an unexpected
 * shape — run `readShopifyFailure` on the HTTP answer first to classify throttling and auth.
 */
export function readAvailableResponse(json: unknown): Map<string, number | null> {
  const errors = graphqlErrors(json);
  if (errors.length > 0) throw new Error(`Shopify answered with errors: ${describeErrors(errors)}`);
  const parsed = ReadAvailableSchema.safeParse(json);
  if (!parsed.success) throw new Error(`unexpected Shopify inventory read shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const out = new InventoryItemMap();
  for (const node of parsed.data.data.nodes) {
    if (!node?.id) continue;
    const level = node.inventoryLevel ?? null;
    const available = level?.quantities.find((q) => q.name === "available")?.quantity;
    out.set(node.id, level === null || available === undefined ? null : available);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Classifying the answer

const GraphqlErrorSchema = z.object({
  message: z.string().optional().catch(undefined),
  extensions: z
    .object({ code: z.string().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});
type GraphqlError = z.infer<typeof GraphqlErrorSchema>;

const EnvelopeSchema = z.object({
  data: z.unknown().optional(),
  // Non-GraphQL failures (401, 404…) carry a plain string here.
  errors: z
    .union([z.string(), z.array(GraphqlErrorSchema)])
    .optional()
    .catch(undefined),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullable().optional(),
          throttleStatus: z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number() }).optional(),
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
});
type Envelope = z.infer<typeof EnvelopeSchema>;

const UserErrorSchema = z.object({
  code: z.string().nullable().optional(),
  field: z.array(z.string()).nullable().optional(),
  message: z.string(),
});
type UserError = z.infer<typeof UserErrorSchema>;

const SetPayloadSchema = z.object({
  inventorySetQuantities: z.object({ userErrors: z.array(UserErrorSchema) }).nullable(),
});

const STALE_CODES = new Set(["COMPARE_QUANTITY_STALE", "CHANGE_FROM_QUANTITY_STALE"]);
// Transient per the docs: "This request is currently in progress, please try again."
const RETRY_USER_CODES = new Set(["IDEMPOTENCY_CONCURRENT_REQUEST", "SERVICE_UNAVAILABLE"]);
const RETRY_GRAPHQL_CODES = new Set(["THROTTLED", "INTERNAL_SERVER_ERROR"]);

const HTTP_REASONS: Readonly<Record<number, string>> = {
  400: "bad request (malformed JSON or Content-Type not application/json)",
  401: "access token missing or rejected",
  402: "shop is frozen (payment required)",
  403: "forbidden (the app lacks the write_inventory/read_inventory scope)",
  404: "not found (check the shop domain and the /admin/api/<version>/ path)",
  423: "shop is locked",
};

/**
 * The transport- and GraphQL-level verdict shared by every operation: null when the answer is a
 * 2xx with no top-level errors (then look at the payload), else retry or reject.
 */
export function readShopifyFailure(httpStatus: number, json: unknown | null, retryAfterHeader: string | null): Exclude<ShopifyOutcome, { kind: "ack" } | { kind: "stale" }> | null {
  const env = envelope(json);
  const bodyNote = env ? describeErrors(errorList(env)) : "";
  const withNote = (s: string) => (bodyNote ? `${s}: ${bodyNote}` : s);
  // Delay-seconds only ("2.0"): Shopify sends no HTTP date, and this function reads no clock.
  const headerWait = parseRetryAfterSeconds(retryAfterHeader);

  if (httpStatus === 429) return { kind: "retry", reason: withNote("HTTP 429 too many requests"), retryAfterMs: headerWait ?? throttleWait(env) };
  if (httpStatus >= 500) return { kind: "retry", reason: withNote(`HTTP ${httpStatus} from Shopify`), retryAfterMs: headerWait };
  if (httpStatus < 200 || httpStatus >= 300) {
    return { kind: "reject", status: httpStatus, reason: withNote(`HTTP ${httpStatus} ${HTTP_REASONS[httpStatus] ?? "unexpected status"}`) };
  }
  // A 2xx we cannot read: the mutation may or may not have run; a retry with the same key is safe.
  if (!env) return { kind: "retry", reason: `HTTP ${httpStatus} with an unreadable body`, retryAfterMs: headerWait };

  const errors = errorList(env);
  if (errors.length === 0) return null;
  const codes = errors.map(errorCode);
  if (codes.includes("THROTTLED")) return { kind: "retry", reason: describeErrors(errors), retryAfterMs: headerWait ?? throttleWait(env) };
  if (codes.every((c) => c !== null && RETRY_GRAPHQL_CODES.has(c))) {
    return { kind: "retry", reason: describeErrors(errors), retryAfterMs: headerWait };
  }
  // ACCESS_DENIED, SHOP_INACTIVE, MAX_COST_EXCEEDED, schema/variable validation: retrying will not help.
  return { kind: "reject", status: httpStatus, reason: describeErrors(errors) };
}

export function readSetQuantitiesResponse(httpStatus: number, json: unknown | null, retryAfterHeader: string | null): ShopifyOutcome {
  const failure = readShopifyFailure(httpStatus, json, retryAfterHeader);
  if (failure) return failure;
  const parsed = SetPayloadSchema.safeParse(envelope(json)?.data);
  if (!parsed.success || parsed.data.inventorySetQuantities === null) {
    return { kind: "reject", status: httpStatus, reason: "no inventorySetQuantities payload in the answer" };
  }
  const userErrors = parsed.data.inventorySetQuantities.userErrors;
  if (userErrors.length === 0) return { kind: "ack" };

  const codes = userErrors.map((e) => e.code ?? null);
  const reason = userErrors.map(describeUserError).join("; ");
  if (codes.every((c) => c !== null && STALE_CODES.has(c))) return { kind: "stale", reason };
  if (codes.every((c) => c !== null && RETRY_USER_CODES.has(c))) return { kind: "retry", reason, retryAfterMs: parseRetryAfterSeconds(retryAfterHeader) };
  return { kind: "reject", status: httpStatus, reason };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function envelope(json: unknown): Envelope | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const r = EnvelopeSchema.safeParse(json);
  return r.success ? r.data : null;
}

function errorList(env: Envelope): GraphqlError[] {
  if (env.errors === undefined) return [];
  if (typeof env.errors === "string") return [{ message: env.errors }];
  return env.errors;
}

function graphqlErrors(json: unknown): GraphqlError[] {
  const env = envelope(json);
  return env ? errorList(env) : [];
}

function errorCode(e: GraphqlError): string | null {
  const code = e.extensions?.code ?? null;
  // Older throttled answers carried only the message "Throttled".
  if (code === null && e.message?.trim().toLowerCase() === "throttled") return "THROTTLED";
  return code;
}

function describeErrors(errors: GraphqlError[]): string {
  return errors
    .map((e) => {
      const code = errorCode(e);
      const msg = clip(e.message ?? "");
      return code ? (msg ? `${code}: ${msg}` : code) : msg || "error without message";
    })
    .join("; ");
}

function describeUserError(e: UserError): string {
  const at = e.field && e.field.length > 0 ? ` at ${e.field.join(".")}` : "";
  return `${e.code ?? "USER_ERROR"}${at}: ${clip(e.message)}`;
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > 200 ? `${t.slice(0, 197)}...` : t;
}

/** Time for the leaky bucket to hold the requested cost again, from extensions.cost. */
function throttleWait(env: Envelope | null): number | null {
  const cost = env?.extensions?.cost;
  const status = cost?.throttleStatus;
  if (!status || !(status.restoreRate > 0)) return null;
  const requested = cost?.requestedQueryCost ?? null;
  // Unknown cost: wait for one second's worth of restore, the smallest step that can change anything.
  const missing = requested === null ? status.restoreRate : Math.max(requested - status.currentlyAvailable, 1);
  return Math.ceil((missing / status.restoreRate) * 1000);
}
