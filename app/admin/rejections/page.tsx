import type { Metadata } from "next";
import { RejectionsPage } from "@/components/admin/RejectionsPage";
import { Guarded } from "@/app/Guarded";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Rejections" };

/** The filters come from the URL (`?source=&code=`); the client keeps it in sync afterwards. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  return (
    <Guarded permission="stock.read" path="/admin/rejections" admin>
      <RejectionsPage initialSource={searchParam(sp, "source", 100)} initialCode={searchParam(sp, "code", 100)} />
    </Guarded>
  );
}
