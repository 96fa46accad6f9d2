import type { Metadata } from "next";
import { ReconciliationPage } from "@/components/reconciliation/ReconciliationPage";
import { guardedPage } from "@/app/guarded-page";
import { parsePeriod } from "@/lib/reconciliation/screen-format";

export const metadata: Metadata = { title: "Reconciliation" };

/** The period comes from the URL (`?days=7|30|90` or `?from=&to=`); the client keeps it in sync afterwards. */
export default guardedPage({ permission: "stock.read", path: "/reconciliation" }, (sp) => (
  <ReconciliationPage initialPeriod={parsePeriod((k) => (typeof sp[k] === "string" ? (sp[k] as string) : null))} />
));
