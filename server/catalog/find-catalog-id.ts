import "server-only";
import type pg from "pg";
import { AdminError } from "@/server/http/admin-error";

/** The catalogue tables a request names a row of by its code. */
export type CatalogTable = "channel" | "sku" | "location";

const NOUN: Record<CatalogTable, string> = { channel: "channel", sku: "SKU", location: "location" };

/** The id of the catalogue row with this code, or null when there is none. */
export async function findCatalogId(db: pg.Pool | pg.PoolClient, table: CatalogTable, code: string): Promise<number | null> {
  return (await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE code = $1`, [code])).rows[0]?.id ?? null;
}

/** How an unknown code is refused: by default a 400 `unknown_<table>` "no <noun> "<code>"" blaming the field named as the table. */
export type CatalogRefusal = { status?: number; code?: string; message?: string; field?: string };

/** The id of the catalogue row a request names by `code`; an unknown code is the request's fault, a 4xx (docs/API.md §0). */
export async function requireCatalogId(db: pg.Pool | pg.PoolClient, table: CatalogTable, code: string, refusal: CatalogRefusal = {}): Promise<number> {
  const id = await findCatalogId(db, table, code);
  if (id === null) {
    throw new AdminError(refusal.status ?? 400, refusal.code ?? `unknown_${table}`, refusal.message ?? `no ${NOUN[table]} "${code}"`, refusal.field ?? table);
  }
  return id;
}
