import "server-only";
import { jsonError } from "@/server/http/route-helpers";
import { CatalogError } from "./upsert-catalog";

/**
 * Runs a catalogue change for a route: a CatalogError is the caller's mistake and answers 422 when it
 * names a code that does not exist, else 400, with the field (docs/API.md §2.1). Anything else throws.
 */
export async function refuseCatalogError(change: () => Promise<Response>): Promise<Response> {
  try {
    return await change();
  } catch (err) {
    if (err instanceof CatalogError) return jsonError(err.code.startsWith("unknown") ? 422 : 400, err.code, err.message, { field: err.field });
    throw err;
  }
}
