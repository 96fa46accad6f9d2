import type { Metadata } from "next";
import { SkuNotFound } from "@/components/sku/SkuNotFound";
import { SkuPage } from "@/components/sku/SkuPage";
import { SkuPageFrame } from "@/components/sku/SkuPageFrame";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";
import { getSkuDetail } from "@/server/queries/get-sku-detail";
import { getSkuSuggestions } from "@/server/queries/get-sku-suggestions";
import { getServices } from "@/server/services";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).code };
}

export default async function Page({ params }: Props) {
  // Next hands params over decoded: decoding again broke codes holding "%".
  const { code } = await params;
  const { viewer, allowed } = await requirePage("stock.read", `/skus/${encodeURIComponent(code)}`);
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  // The numbers come with the HTML; an unknown code (a typed or mis-cased address) gets "did you
  // mean" from the catalogue here.
  const { pool, env } = getServices();
  const fetchedAt = Date.now();
  // undefined: the read failed, and the client asks again itself (error state with Retry).
  const detail = await getSkuDetail(pool, code, env.ONEPOOL_SAFETY_DAYS).catch(() => undefined);
  if (detail === null)
    return (
      <SkuPageFrame>
        <SkuNotFound code={code} suggestions={await getSkuSuggestions(pool, code)} />
      </SkuPageFrame>
    );
  // Keyed by code: moving between SKUs starts fresh (baseline of "new" events, flashes).
  return <SkuPage key={code} code={code} initial={detail && { detail, fetchedAt }} />;
}
