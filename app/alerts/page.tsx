import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/AlertsPage";
import { guardedPage } from "@/app/guarded-page";
import { isAlertKind } from "@/lib/alerts/kinds";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Alerts" };

/** `/alerts?state=&kind=&q=`: the alerts of docs/ALERTS.md, live; acknowledge and mute. */
export default guardedPage({ permission: "alerts.read", path: "/alerts" }, (sp) => {
  const state = searchParam(sp, "state");
  const kind = searchParam(sp, "kind");
  return <AlertsPage initial={{ state: state === "resolved" || state === "all" ? state : "open", kind: isAlertKind(kind) ? kind : null, q: searchParam(sp, "q") ?? "" }} />;
});
