import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { ReconciliationPage } from "@/components/reconciliation/ReconciliationPage";
import { parsePeriod } from "@/lib/reconciliation/screen-format";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Reconciliation" };

/** The period comes from the URL (`?days=7|30|90` or `?from=&to=`); the client keeps it in sync afterwards. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("stock.read", "/reconciliation");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  const sp = await searchParams;
  return <ReconciliationPage initialPeriod={parsePeriod((k) => (typeof sp[k] === "string" ? (sp[k] as string) : null))} />;
}
