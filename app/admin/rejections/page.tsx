import type { Metadata } from "next";
import { RejectionsPage } from "@/components/admin/RejectionsPage";

export const metadata: Metadata = { title: "Rejections" };

/** The filters come from the URL (`?source=&code=`); the client keeps it in sync afterwards. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v.slice(0, 100) : null);
  return <RejectionsPage initialSource={one(sp.source)} initialCode={one(sp.code)} />;
}
