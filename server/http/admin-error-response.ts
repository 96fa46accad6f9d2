import "server-only";
import { jsonError } from "@/server/http/route-helpers";
import { AdminError } from "./admin-error";

/** An AdminError as its precise 4xx; anything else is rethrown for `route` to answer. */
export function adminErrorResponse(err: unknown): Response {
  if (err instanceof AdminError) return jsonError(err.status, err.code, err.message, err.detailsForResponse);
  throw err;
}
