import type { Metadata } from "next";
import { CountPage } from "@/components/counts/CountPage";
import { Guarded } from "@/app/Guarded";

export const metadata: Metadata = { title: "Count" };

/** The counting screen (tablet) while open; the review for merchandisers and above once submitted. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Guarded permission="stock.read" path={`/counts/${encodeURIComponent(id)}`}>
      <CountPage id={id} />
    </Guarded>
  );
}
