import type { Metadata } from "next";
import { TokensPage } from "@/components/admin/TokensPage";
import { guardedPage } from "@/app/guarded-page";

export const metadata: Metadata = { title: "Tokens" };

export default guardedPage({ permission: "tokens.manage", path: "/admin/tokens", admin: true }, () => <TokensPage />);
