import type { Metadata } from "next";
import { ScorecardDeliveriesPage } from "@/components/scorecard-mail/ScorecardDeliveriesPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Scorecard e-mails" };

/** Admins: the weekly scorecard e-mail's send history. */
export default guardedPage({ permission: "users.manage", path: "/admin/scorecard-mail", admin: true }, () => <ScorecardDeliveriesPage />);
