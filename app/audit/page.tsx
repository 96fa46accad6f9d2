import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { AuditPage } from "@/components/audit/AuditPage";
import { parseFilters } from "@/components/audit/audit-filters";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Audit log" };

/** The filters come from the URL (`?actor=&action=&target=&from=&to=`); the client keeps it in sync afterwards. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("audit.read", "/audit");
  if (!allowed) return <NoAccess permission="audit.read" role={viewer.role} />;
  const sp = await searchParams;
  const initial = parseFilters((k) => (typeof sp[k] === "string" ? (sp[k] as string) : null));
  return <AuditPage initial={initial} />;
}
