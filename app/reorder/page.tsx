import type { Metadata } from "next";
import { ReorderPage } from "@/components/reorder/ReorderPage";
import { guardedPage } from "@/app/guarded-page";
import { REORDER_SHOWS, type ReorderShow } from "@/lib/reorder/reorder-rows";

export const metadata: Metadata = { title: "Reorder" };

/** `/reorder?show=`: SKUs to buy, most urgent first, with the low_cover suggestion (issue 17). */
export default guardedPage({ permission: "reorder.read", path: "/reorder" }, (sp) => {
  const show: ReorderShow = (REORDER_SHOWS as readonly string[]).includes(String(sp.show)) ? (sp.show as ReorderShow) : "reorder";
  return <ReorderPage initialShow={show} />;
});
