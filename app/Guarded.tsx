import "server-only";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/AdminShell";
import { NoAccess } from "@/components/auth/NoAccess";
import type { Permission } from "@/lib/auth/roles";
import { requirePage } from "@/server/auth/require-page";

/**
 * A page behind a permission (docs/SECURITY.md: the server is the guard): nobody signed in → sign-in,
 * coming back to `path`; signed in without the role → NoAccess; else the page, in the admin shell for `/admin`.
 */
export async function Guarded({ permission, path, admin = false, children }: { permission: Permission; path: string; admin?: boolean; children: ReactNode }) {
  const { viewer, allowed } = await requirePage(permission, path);
  if (!allowed) return <NoAccess permission={permission} role={viewer.role} />;
  return admin ? <AdminShell>{children}</AdminShell> : children;
}
