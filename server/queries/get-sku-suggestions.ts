import "server-only";
import type pg from "pg";
import { suggestSkus, type SkuName } from "@/lib/search/suggest-skus";

/**
 * "Did you mean" for an unknown code on /skus/<code>. Only a person mistyping a page address gets
 * here, so reading every code and name is affordable; the API's 404 stays a plain 404.
 */
export async function getSkuSuggestions(pool: pg.Pool, code: string, limit = 5): Promise<SkuName[]> {
  const all = await pool.query<SkuName>("SELECT code, name FROM sku");
  return suggestSkus(code, all.rows, limit);
}
