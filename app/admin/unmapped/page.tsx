import type { Metadata } from "next";
import { UnmappedPage } from "@/components/admin/UnmappedPage";

export const metadata: Metadata = { title: "Unmapped listings" };

export default function Page() {
  return <UnmappedPage />;
}
