import type { Metadata } from "next";
import { CountsPage } from "@/components/counts/CountsPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Counts" };

export default guardedPage({ permission: "stock.read", path: "/counts" }, () => <CountsPage />);
