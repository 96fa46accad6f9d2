import type { Metadata } from "next";
import { SourcesPage } from "@/components/admin/SourcesPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Sources" };

export default guardedPage({ permission: "stock.read", path: "/admin/sources", admin: true }, () => <SourcesPage />);
