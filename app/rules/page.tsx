import type { Metadata } from "next";
import { NoAccess } from "@/components/auth/NoAccess";
import { RulesPage } from "@/components/rules/RulesPage";
import { requirePage } from "@/server/auth/require-page";

export const metadata: Metadata = { title: "Channel rules" };

/** The channel comes from the URL (`?channel=`, optionally `&rule=`); the client checks it against the catalogue and keeps the URL in sync. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, allowed } = await requirePage("stock.read", "/rules");
  if (!allowed) return <NoAccess permission="stock.read" role={viewer.role} />;
  const sp = await searchParams;
  const channel = typeof sp.channel === "string" && sp.channel.trim() ? sp.channel.trim().slice(0, 100) : null;
  // `?rule=<id>` (from an explanation): that rule's row is highlighted and scrolled to.
  const rule = typeof sp.rule === "string" && /^\d{1,18}$/.test(sp.rule) ? sp.rule : null;
  return <RulesPage initialChannel={channel} initialRule={rule} />;
}
