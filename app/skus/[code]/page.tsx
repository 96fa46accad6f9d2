import type { Metadata } from "next";
import { SkuPage } from "@/components/sku/SkuPage";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code) };
}

export default async function Page({ params }: Props) {
  const code = decodeURIComponent((await params).code);
  const { viewer, allowed } = await requirePage("stock.read", `/skus/${encodeURIComponent(code)}`);
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  // Keyed by code: moving between SKUs starts fresh (baseline of "new" events, flashes).
  return <SkuPage key={code} code={code} />;
}
