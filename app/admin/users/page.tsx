import type { Metadata } from "next";
import { PeoplePage } from "@/components/people/PeoplePage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "People" };

export default guardedPage({ permission: "users.manage", path: "/admin/users", admin: true }, () => <PeoplePage />);
