import type { Metadata } from "next";
import { SkuPage } from "@/components/sku/SkuPage";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code) };
}

export default async function Page({ params }: Props) {
  const code = decodeURIComponent((await params).code);
  // Keyed by code: moving between SKUs starts fresh (baseline of "new" events, flashes).
  return <SkuPage key={code} code={code} />;
}
