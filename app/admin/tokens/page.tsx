import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import { requirePage } from "@/server/auth/require-page";
import { TokensPage } from "@/components/admin/TokensPage";

export const metadata: Metadata = { title: "Tokens" };

export default async function Page() {
  const { viewer, allowed } = await requirePage("tokens.manage", "/admin/tokens");
  if (!allowed) return <NoAccess permission="tokens.manage" role={viewer.role} />;
  return (
    <AdminShell>
      <TokensPage />
    </AdminShell>
  );
}
