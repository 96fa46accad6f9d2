import type { Metadata } from "next";
import { ScorecardDeliveriesPage } from "@/components/scorecard-mail/ScorecardDeliveriesPage";
import { Guarded } from "@/app/Guarded";

export const metadata: Metadata = { title: "Scorecard e-mails" };

/** Admins: the weekly scorecard e-mail's send history. */
export default function Page() {
  return (
    <Guarded permission="users.manage" path="/admin/scorecard-mail" admin>
      <ScorecardDeliveriesPage />
    </Guarded>
  );
}
