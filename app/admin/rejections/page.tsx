import type { Metadata } from "next";
import { RejectionsPage } from "@/components/admin/RejectionsPage";
import { guardedPage } from "@/app/guarded-page";
import { searchParam } from "@/lib/http/search-param";

export const metadata: Metadata = { title: "Rejections" };

/** The filters come from the URL (`?source=&code=`); the client keeps it in sync afterwards. */
export default guardedPage({ permission: "stock.read", path: "/admin/rejections", admin: true }, (sp) => (
  <RejectionsPage initialSource={searchParam(sp, "source", 100)} initialCode={searchParam(sp, "code", 100)} />
));
