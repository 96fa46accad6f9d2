import type { Metadata } from "next";
import { SourcesPage } from "@/components/admin/SourcesPage";
import { Guarded } from "@/app/Guarded";

export const metadata: Metadata = { title: "Sources" };

export default function Page() {
  return (
    <Guarded permission="stock.read" path="/admin/sources" admin>
      <SourcesPage />
    </Guarded>
  );
}
