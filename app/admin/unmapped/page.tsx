import type { Metadata } from "next";
import { UnmappedPage } from "@/components/admin/UnmappedPage";
import { Guarded } from "@/app/Guarded";

export const metadata: Metadata = { title: "Unmapped listings" };

export default function Page() {
  return (
    <Guarded permission="stock.read" path="/admin/unmapped" admin>
      <UnmappedPage />
    </Guarded>
  );
}
