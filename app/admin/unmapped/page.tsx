import type { Metadata } from "next";
import { UnmappedPage } from "@/components/admin/UnmappedPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Unmapped listings" };

export default guardedPage({ permission: "stock.read", path: "/admin/unmapped", admin: true }, () => <UnmappedPage />);
