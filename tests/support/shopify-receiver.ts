// A local stand-in for the Shopify Admin GraphQL endpoint, covering the two operations Onepool
// sends: inventorySetQuantities (with @idempotent) and the nodes(ids:) → inventoryLevel read.
// It checks the request as Shopify documents it (see lib/outbound/shopify-set-quantities.ts for
// the sources) and answers the way Shopify does, so a test fails as soon as our request drifts:
// transport problems get HTTP 4xx, schema/variable problems get HTTP 200 with top-level `errors`,
// business problems get `userErrors` with Shopify's codes. Compare-and-set and idempotent replay
// follow the documented semantics of the chosen API version.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SHOPIFY_API_VERSION, shopifyCasField, shopifyGid } from "@/lib/outbound/shopify-set-quantities";

export interface ReceivedShopifyRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  operation: "setQuantities" | "readAvailable" | null;
  idempotencyKey: string | null;
  variables: unknown;
  /** What the receiver answered. */
  status: number;
  response: unknown;
  /** True when an earlier result was returned for a repeated idempotency key. */
  replayed: boolean;
}

export interface ShopifyReceiverOptions {
  accessToken: string;
  /** Answer the first N requests with `failStatus` before looking at them. */
  failFirst?: number;
  failStatus?: number;
  /** Defaults to SHOPIFY_API_VERSION; decides the path and the compare-and-set form accepted. */
  apiVersion?: string;
}

export interface ShopifyReceiver {
  url: string;
  requests: ReceivedShopifyRequest[];
  /** key: `${inventoryItemGid}|${locationGid}`; a pair present here is "stocked". */
  available: Map<string, number>;
  setAvailable(itemGid: string, locationGid: string, n: number): void;
  close(): Promise<void>;
}

// Reasons listed in Shopify's inventory states guide; the push only ever sends "correction".
const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: unknown;
  replayed?: boolean;
}
interface UserError {
  code: string;
  field: string[];
  message: string;
}

/** A schema/variable-level failure: Shopify answers these with HTTP 200 and top-level errors. */
class GraphqlFailure extends Error {}

export async function startShopifyReceiver(opts: ShopifyReceiverOptions): Promise<ShopifyReceiver> {
  const apiVersion = opts.apiVersion ?? SHOPIFY_API_VERSION;
  const cas = shopifyCasField(apiVersion);
  const expectedPath = `/admin/api/${apiVersion}/graphql.json`;
  const failFirst = opts.failFirst ?? 0;
  const failStatus = opts.failStatus ?? 503;
  const requests: ReceivedShopifyRequest[] = [];
  const available = new Map<string, number>();
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  let seen = 0;

  const pairKey = (item: string, location: string) => `${item}|${location}`;
  const knownItem = (gid: string) => [...available.keys()].some((k) => k.startsWith(`${gid}|`));
  const knownLocation = (gid: string) => [...available.keys()].some((k) => k.endsWith(`|${gid}`));

  function handle(req: IncomingMessage, body: string): Answer & { operation: ReceivedShopifyRequest["operation"]; idempotencyKey: string | null; variables: unknown } {
    const base = { operation: null, idempotencyKey: null, variables: undefined } as const;
    if (seen++ < failFirst) return { ...base, status: failStatus, body: { errors: `Injected failure ${seen} of ${failFirst}` } };
    if (req.method !== "POST") return { ...base, status: 405, body: { errors: "Method Not Allowed: the GraphQL Admin API takes POST" } };
    const path = (req.url ?? "").split("?")[0];
    if (path !== expectedPath) return { ...base, status: 404, body: { errors: `Not Found: expected ${expectedPath}` } };
    if (req.headers["x-shopify-access-token"] !== opts.accessToken) {
      return { ...base, status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } };
    }
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return { ...base, status: 400, body: { errors: "Bad Request: Content-Type must be application/json" } };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ...base, status: 400, body: { errors: "Bad Request: body is not JSON" } };
    }
    if (!isObject(parsed) || typeof parsed.query !== "string") return { ...base, status: 400, body: { errors: "Bad Request: no query" } };
    const query = parsed.query;
    const variables = parsed.variables ?? {};
    const idempotencyKey = isObject(variables) && typeof variables.idempotencyKey === "string" ? variables.idempotencyKey : null;
    try {
      if (!isObject(variables)) throw new GraphqlFailure("variables must be an object");
      if (/\binventorySetQuantities\s*\(/.test(query)) {
        return { operation: "setQuantities", idempotencyKey, variables, ...setQuantities(query, variables) };
      }
      if (/\bnodes\s*\(/.test(query) && /\binventoryLevel\s*\(/.test(query)) {
        return { operation: "readAvailable", idempotencyKey, variables, status: 200, body: withCost({ data: readAvailable(query, variables) }) };
      }
      throw new GraphqlFailure("test receiver: only inventorySetQuantities and the nodes → inventoryLevel read are supported");
    } catch (e) {
      if (!(e instanceof GraphqlFailure)) throw e;
      return { ...base, idempotencyKey, variables, status: 200, body: withCost({ errors: [{ message: e.message, extensions: { code: "BAD_REQUEST" } }] }) };
    }
  }

  function setQuantities(query: string, variables: Json): Answer {
    // The documented shape: variables $input/$idempotencyKey and the directive on the field.
    if (!/\$input\s*:\s*InventorySetQuantitiesInput!/.test(query)) throw new GraphqlFailure("expected $input: InventorySetQuantitiesInput!");
    if (!/\$idempotencyKey\s*:\s*String!/.test(query)) throw new GraphqlFailure("expected $idempotencyKey: String!");
    if (!/inventorySetQuantities\s*\(\s*input\s*:\s*\$input\s*\)\s*@idempotent\s*\(\s*key\s*:\s*\$idempotencyKey\s*\)/.test(query)) {
      throw new GraphqlFailure("inventorySetQuantities must carry @idempotent(key: $idempotencyKey)");
    }
    if (!/userErrors\s*\{[^}]*\bcode\b/.test(query)) throw new GraphqlFailure("select userErrors { code … } to tell stale from other errors");
    const key = variables.idempotencyKey;
    if (typeof key !== "string" || key.trim() === "") throw new GraphqlFailure("Variable $idempotencyKey of type String! was provided invalid value");
    const input = variables.input;
    if (!isObject(input)) throw new GraphqlFailure("Variable $input of type InventorySetQuantitiesInput! was provided invalid value");

    const inputFields = ["name", "reason", "referenceDocumentUri", "quantities", ...(cas === "compareQuantity" ? ["ignoreCompareQuantity"] : [])];
    unknownFields(input, inputFields, "InventorySetQuantitiesInput");
    if (typeof input.name !== "string") throw new GraphqlFailure("input.name: expected String!");
    if (typeof input.reason !== "string") throw new GraphqlFailure("input.reason: expected String!");
    // Optional in Shopify's schema, required by Onepool's contract: every push names its source.
    if (typeof input.referenceDocumentUri !== "string") throw new GraphqlFailure("input.referenceDocumentUri: Onepool always sends one");
    if (input.ignoreCompareQuantity !== undefined && typeof input.ignoreCompareQuantity !== "boolean") {
      throw new GraphqlFailure("input.ignoreCompareQuantity: expected Boolean");
    }
    if (!Array.isArray(input.quantities) || input.quantities.length === 0) throw new GraphqlFailure("input.quantities: expected a non-empty list");
    const quantityFields = ["inventoryItemId", "locationId", "quantity", "changeFromQuantity", ...(cas === "compareQuantity" ? ["compareQuantity"] : [])];
    const rows = input.quantities.map((q: unknown, i: number) => {
      if (!isObject(q)) throw new GraphqlFailure(`input.quantities.${i}: expected InventoryQuantityInput`);
      unknownFields(q, quantityFields, "InventoryQuantityInput");
      const item = gid("InventoryItem", q.inventoryItemId, `input.quantities.${i}.inventoryItemId`);
      const location = gid("Location", q.locationId, `input.quantities.${i}.locationId`);
      const quantity = int(q.quantity, `input.quantities.${i}.quantity`, false);
      const compareQuantity = q.compareQuantity === undefined ? undefined : int(q.compareQuantity, `input.quantities.${i}.compareQuantity`, true);
      const hasChangeFrom = Object.hasOwn(q, "changeFromQuantity");
      const changeFrom = hasChangeFrom ? int(q.changeFromQuantity, `input.quantities.${i}.changeFromQuantity`, true) : undefined;
      // From 2026-04 the field must be passed explicitly, null included.
      if (cas === "changeFromQuantity" && !hasChangeFrom) throw new GraphqlFailure(`input.quantities.${i}.changeFromQuantity must be given (null to skip the check)`);
      return { i, item, location, quantity, compareQuantity, hasChangeFrom, changeFrom };
    });

    // A repeated key returns the first result untouched; the same key with other variables is refused.
    const fingerprint = stableJson(input);
    const earlier = idempotent.get(key);
    if (earlier) {
      if (earlier.fingerprint === fingerprint) return { ...earlier.answer, replayed: true };
      return payload([{ code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", field: [], message: "The same idempotency key cannot be used with different operation parameters." }], null);
    }

    const errors: UserError[] = [];
    if (input.name !== "available") errors.push({ code: "INVALID_NAME", field: ["input", "name"], message: "The test receiver models the 'available' quantity only." });
    if (!REASONS.has(input.reason)) errors.push({ code: "INVALID_REASON", field: ["input", "reason"], message: "The quantity change reason is invalid." });
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(input.referenceDocumentUri)) {
      errors.push({ code: "INVALID_REFERENCE_DOCUMENT", field: ["input", "referenceDocumentUri"], message: "The reference document URI isn't valid." });
    }
    const pairs = new Set<string>();
    const pending: Array<{ key: string; quantity: number; before: number }> = [];
    for (const r of rows) {
      const at = (f: string) => ["input", "quantities", String(r.i), f];
      const k = pairKey(r.item, r.location);
      if (pairs.has(k))
        errors.push({ code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", field: at("inventoryItemId"), message: "The combination of inventoryItemId and locationId must be unique." });
      pairs.add(k);
      if (r.quantity < 0) errors.push({ code: "INVALID_QUANTITY_NEGATIVE", field: at("quantity"), message: "The quantity can't be negative." });
      if (r.quantity > 1_000_000_000) errors.push({ code: "INVALID_QUANTITY_TOO_HIGH", field: at("quantity"), message: "The quantity can't be higher than 1,000,000,000." });
      if (!knownItem(r.item)) {
        errors.push({ code: "INVALID_INVENTORY_ITEM", field: at("inventoryItemId"), message: "The specified inventory item could not be found." });
        continue;
      }
      if (!knownLocation(r.location)) {
        errors.push({ code: "INVALID_LOCATION", field: at("locationId"), message: "The specified location could not be found." });
        continue;
      }
      const before = available.get(k);
      if (before === undefined) {
        errors.push({ code: "ITEM_NOT_STOCKED_AT_LOCATION", field: at("inventoryItemId"), message: "The inventory item is not stocked at the location." });
        continue;
      }
      // Documented precedence: any changeFromQuantity (null included) overrides the old fields.
      if (r.hasChangeFrom) {
        if (r.changeFrom !== null && r.changeFrom !== before) {
          errors.push({ code: "CHANGE_FROM_QUANTITY_STALE", field: at("changeFromQuantity"), message: "The changeFromQuantity value does not match persisted value." });
        }
      } else if (input.ignoreCompareQuantity !== true) {
        if (r.compareQuantity === undefined || r.compareQuantity === null) {
          errors.push({
            code: "COMPARE_QUANTITY_REQUIRED",
            field: at("compareQuantity"),
            message: "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.",
          });
        } else if (r.compareQuantity !== before) {
          errors.push({ code: "COMPARE_QUANTITY_STALE", field: at("compareQuantity"), message: "The compareQuantity value does not match persisted value." });
        }
      }
      pending.push({ key: k, quantity: r.quantity, before });
    }

    let answer: Answer;
    if (errors.length > 0) {
      // All or nothing: one bad entry leaves every level as it was.
      answer = payload(errors, null);
    } else {
      const changes = pending.flatMap((p) => [
        { name: "available", delta: p.quantity - p.before },
        { name: "on_hand", delta: p.quantity - p.before },
      ]);
      for (const p of pending) available.set(p.key, p.quantity);
      answer = payload([], { createdAt: new Date().toISOString(), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri, changes });
    }
    idempotent.set(key, { fingerprint, answer });
    return answer;
  }

  function readAvailable(query: string, variables: Json): Json {
    if (!/nodes\s*\(\s*ids\s*:\s*\$ids\s*\)/.test(query)) throw new GraphqlFailure("expected nodes(ids: $ids)");
    if (!/\.\.\.\s*on\s+InventoryItem\b/.test(query)) throw new GraphqlFailure("expected ... on InventoryItem");
    if (!/inventoryLevel\s*\(\s*locationId\s*:\s*\$locationId\s*\)/.test(query)) throw new GraphqlFailure("expected inventoryLevel(locationId: $locationId)");
    if (!/quantities\s*\(\s*names\s*:\s*\[\s*"available"\s*\]\s*\)/.test(query)) throw new GraphqlFailure('expected quantities(names: ["available"])');
    if (!Array.isArray(variables.ids) || variables.ids.length === 0) throw new GraphqlFailure("Variable $ids of type [ID!]! was provided invalid value");
    const location = gid("Location", variables.locationId, "locationId");
    const nodes = variables.ids.map((raw: unknown, i: number) => {
      const item = gid("InventoryItem", raw, `ids.${i}`);
      if (!knownItem(item)) return null;
      const n = available.get(pairKey(item, location));
      return { id: item, inventoryLevel: n === undefined ? null : { quantities: [{ name: "available", quantity: n }] } };
    });
    return { nodes };
  }

  function payload(userErrors: UserError[], group: Json | null): Answer {
    return { status: 200, body: withCost({ data: { inventorySetQuantities: { inventoryAdjustmentGroup: group, userErrors } } }) };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let out: ReturnType<typeof handle>;
      try {
        out = handle(req, body);
      } catch (e) {
        out = { status: 500, body: { errors: `test receiver crashed: ${e instanceof Error ? e.message : String(e)}` }, operation: null, idempotencyKey: null, variables: undefined };
      }
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: flatHeaders(req),
        body,
        operation: out.operation,
        idempotencyKey: out.idempotencyKey,
        variables: out.variables,
        status: out.status,
        response: out.body,
        replayed: out.replayed ?? false,
      });
      res.writeHead(out.status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${expectedPath}`,
    requests,
    available,
    setAvailable(itemGid: string, locationGid: string, n: number) {
      if (!Number.isInteger(n)) throw new RangeError(`available must be an integer, got ${n}`);
      available.set(pairKey(shopifyGid("InventoryItem", itemGid), shopifyGid("Location", locationGid)), n);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

// ---------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function unknownFields(obj: Json, allowed: string[], type: string) {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new GraphqlFailure(`Field '${k}' is not defined on ${type}`);
  }
}

/** Strict form: exactly gid://shopify/<kind>/<digits>, as our builder must send it. */
function gid(kind: "InventoryItem" | "Location", v: unknown, where: string): string {
  if (typeof v !== "string" || !new RegExp(`^gid://shopify/${kind}/[1-9][0-9]{0,19}$`).test(v)) {
    throw new GraphqlFailure(`${where}: invalid global id ${JSON.stringify(v)} (expected gid://shopify/${kind}/<id>)`);
  }
  return v;
}

function int(v: unknown, where: string, nullable: true): number | null;
function int(v: unknown, where: string, nullable: false): number;
function int(v: unknown, where: string, nullable: boolean): number | null {
  if (v === null && nullable) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw new GraphqlFailure(`${where}: expected Int${nullable ? "" : "!"}`);
  return v;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

function withCost(body: Json): Json {
  return { ...body, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } } } };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
