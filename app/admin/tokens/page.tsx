import type { Metadata } from "next";
import { TokensPage } from "@/components/admin/TokensPage";
import { Guarded } from "@/app/Guarded";

export const metadata: Metadata = { title: "Tokens" };

export default function Page() {
  return (
    <Guarded permission="tokens.manage" path="/admin/tokens" admin>
      <TokensPage />
    </Guarded>
  );
}
