import type { Metadata } from "next";
import { PeoplePage } from "@/components/people/PeoplePage";
import { Guarded } from "@/app/Guarded";

export const metadata: Metadata = { title: "People" };

export default function Page() {
  return (
    <Guarded permission="users.manage" path="/admin/users" admin>
      <PeoplePage />
    </Guarded>
  );
}
