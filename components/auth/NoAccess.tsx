import Link from "next/link";
import { PERMISSIONS, ROLE_LABELS, type Permission, type Role } from "@/lib/auth/roles";

/** What a signed-in person sees on a page their role does not open: why, and where to go instead. */
export function NoAccess({ permission, role }: { permission: Permission; role: Role }) {
  const needed = PERMISSIONS[permission];
  return (
    <main className="mx-auto max-w-xl px-4 py-16" data-testid="no-access">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-xs font-semibold tracking-wide text-slate-400 uppercase">403 · No access</p>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">
          This page is for {ROLE_LABELS[needed].toLowerCase()}s{needed === "admin" ? "" : " and above"}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          You are signed in as <strong>{ROLE_LABELS[role].toLowerCase()}</strong>. If you need it, ask an admin to change your role.
        </p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-emerald-700 hover:underline">
          Back to live stock
        </Link>
      </div>
    </main>
  );
}
