import type { Metadata } from "next";
import { StockPage } from "@/components/stock/StockPage";
import { DEFAULT_SORT } from "@/components/stock/sorts";
import { SKU_SORTS, type SkuSort } from "@/server/queries/get-sku-rows";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";

// The layout's title template does not apply to a page in its own segment.
export const metadata: Metadata = { title: "Live stock · Onepool" };

/** The initial search and sort come from the URL; the client keeps it in sync afterwards. */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("stock.read", "/");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const sort = typeof sp.sort === "string" && (SKU_SORTS as readonly string[]).includes(sp.sort) ? (sp.sort as SkuSort) : DEFAULT_SORT;
  return <StockPage initialQuery={q} initialSort={sort} />;
}
