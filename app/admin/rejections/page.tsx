import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";
import { RejectionsPage } from "@/components/admin/RejectionsPage";

export const metadata: Metadata = { title: "Rejections" };

/** The filters come from the URL (`?source=&code=`); the client keeps it in sync afterwards. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("stock.read", "/admin/rejections");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v.slice(0, 100) : null);
  return (
    <AdminShell>
      <RejectionsPage initialSource={one(sp.source)} initialCode={one(sp.code)} />
    </AdminShell>
  );
}
