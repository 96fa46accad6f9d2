import type { Metadata } from "next";
import { RulesPage } from "@/components/rules/RulesPage";
import { guardedPage } from "@/app/guarded-page";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Channel rules" };

/** The channel comes from the URL (`?channel=`, optionally `&rule=`); the client checks it against the catalogue and keeps the URL in sync. */
export default guardedPage({ permission: "stock.read", path: "/rules" }, (sp) => {
  // `?rule=<id>` (from an explanation): that rule's row is highlighted and scrolled to.
  const rule = typeof sp.rule === "string" && /^\d{1,18}$/.test(sp.rule) ? sp.rule : null;
  return <RulesPage initialChannel={searchParam(sp, "channel", 100)} initialRule={rule} />;
});
