import "server-only";
import { jsonError } from "@/server/http/route-helpers";
import { SourceError } from "./upsert-source";

/** A SourceError as its precise 4xx; anything else is rethrown for `route` to answer. */
export function sourceErrorResponse(err: unknown): Response {
  if (err instanceof SourceError) return jsonError(err.status, err.code, err.message, err.field ? { field: err.field } : undefined);
  throw err;
}
