import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/AlertsPage";
import { NoAccess } from "@/components/auth/NoAccess";
import { isAlertKind } from "@/lib/alerts/kinds";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Alerts" };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** `/alerts?state=&kind=&q=`: the alerts of docs/ALERTS.md, live; acknowledge and mute. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("alerts.read", "/alerts");
  if (!allowed) return <NoAccess permission="alerts.read" role={viewer.role} />;
  const sp = await searchParams;
  const state = one(sp.state);
  const kind = one(sp.kind);
  return <AlertsPage initial={{ state: state === "resolved" || state === "all" ? state : "open", kind: isAlertKind(kind) ? kind : null, q: one(sp.q) ?? "" }} />;
}
