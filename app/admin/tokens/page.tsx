import type { Metadata } from "next";
import { TokensPage } from "@/components/admin/TokensPage";

export const metadata: Metadata = { title: "Tokens" };

export default function Page() {
  return <TokensPage />;
}
