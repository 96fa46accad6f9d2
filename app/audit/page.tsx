import type { Metadata } from "next";
import { AuditPage } from "@/components/audit/AuditPage";
import { parseFilters } from "@/components/audit/audit-filters";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Audit log" };

/** The filters come from the URL (`?actor=&action=&target=&from=&to=`); the client keeps it in sync afterwards. */
export default guardedPage({ permission: "audit.read", path: "/audit" }, (sp) => <AuditPage initial={parseFilters((k) => (typeof sp[k] === "string" ? (sp[k] as string) : null))} />);
