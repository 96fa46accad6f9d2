import type { Metadata } from "next";
import { AccountPage } from "@/components/auth/AccountPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Your account" };

/** Anybody signed in (every role holds stock.read). */
export default async function Page() {
  const { viewer } = await requirePage("stock.read", "/account");
  return <AccountPage person={{ name: viewer.name, email: viewer.email, role: viewer.role }} />;
}
