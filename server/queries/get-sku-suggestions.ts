import "server-only";
import type pg from "pg";
import { suggestSkus, type SkuName } from "@/lib/search/suggest-skus";

/** Whether a SKU with exactly this code exists (codes are case-sensitive). */
export async function skuExists(pool: pg.Pool, code: string): Promise<boolean> {
  return ((await pool.query("SELECT 1 FROM sku WHERE code = $1", [code])).rowCount ?? 0) > 0;
}

/**
 * "Did you mean" for an unknown code on /skus/<code>. Only a person mistyping a page address gets
 * here, so reading every code and name is affordable; the API's 404 stays a plain 404.
 */
export async function getSkuSuggestions(pool: pg.Pool, code: string, limit = 5): Promise<SkuName[]> {
  const all = await pool.query<SkuName>("SELECT code, name FROM sku");
  return suggestSkus(code, all.rows, limit);
}
