import type { Metadata } from "next";
import { StockPage } from "@/components/stock/StockPage";
import { DEFAULT_SORT, SKU_PAGE_SIZE } from "@/components/stock/sorts";
import { getSkuRows, SKU_SORTS, type SkuSort } from "@/server/queries/get-sku-rows";
import { getServices } from "@/server/services";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";

// The layout's title template does not apply to a page in its own segment.
export const metadata: Metadata = { title: "Live stock · Onepool" };

/**
 * The initial search and sort come from the URL; the client keeps it in sync afterwards. The first
 * page of rows is rendered here, so they arrive with the HTML instead of after the scripts load and
 * ask /api/skus (the one wait over a second from sign-in to the first row).
 */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("stock.read", "/");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const sort = typeof sp.sort === "string" && (SKU_SORTS as readonly string[]).includes(sp.sort) ? (sp.sort as SkuSort) : DEFAULT_SORT;
  // The client's search is the trimmed input: the same key, so it takes these rows as its first page.
  const { readPool, env } = getServices();
  const fetchedAt = Date.now();
  // If the read fails the client asks again itself, with the designed error state and Retry.
  const page = await getSkuRows(readPool, { q: q.trim(), sort, limit: SKU_PAGE_SIZE }, env.ONEPOOL_SAFETY_DAYS).catch(() => null);
  return <StockPage initialQuery={q} initialSort={sort} initialPage={page ? { q: q.trim(), sort, page, fetchedAt } : undefined} />;
}
