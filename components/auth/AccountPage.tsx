"use client";

import { PageHeader } from "@/components/ui/PageHeader";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { Spinner } from "@/components/ui/Spinner";
import { useSignOut } from "@/hooks/use-sign-out";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { aRole, permissionsOf } from "./permission-labels";
import { ScorecardMailCard } from "@/components/scorecard-mail/ScorecardMailCard";

interface Person {
  name: string;
  email: string;
  role: Role;
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  const id = `account-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h2 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** `/account`: who is signed in, what their role lets them do, their password, and signing out. */
export function AccountPage({ person }: { person: Person }) {
  const out = useSignOut();
  const can = permissionsOf(person.role);
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <PageHeader title="Your account">
        <button
          type="button"
          onClick={() => void out.signOut()}
          disabled={out.pending}
          data-testid="account-sign-out"
          className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        >
          {out.pending && <Spinner className="border-slate-300 border-t-slate-700" />}
          {out.pending ? "Signing out…" : "Sign out"}
        </button>
      </PageHeader>
      {out.error && (
        <p role="alert" className="text-sm text-rose-700">
          {out.error}
        </p>
      )}

      <Section title="Profile" testId="account-profile">
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-500">Name</dt>
          <dd className="font-medium text-slate-900">{person.name}</dd>
          <dt className="text-slate-500">Email</dt>
          <dd className="text-slate-900">{person.email}</dd>
          <dt className="text-slate-500">Role</dt>
          <dd>
            <span
              data-testid="account-role"
              data-role={person.role}
              className="inline-block rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-600/20 ring-inset"
            >
              {ROLE_LABELS[person.role]}
            </span>
          </dd>
        </dl>
        <p className="mt-3 text-xs text-slate-500">Only an admin can change your name, email or role.</p>
      </Section>

      <Section title={`What ${aRole(person.role)} can do`} testId="account-permissions">
        <ul className="space-y-1.5 text-sm text-slate-700">
          {can.map((p) => (
            <li key={p.permission} data-permission={p.permission} className="flex gap-2">
              <span aria-hidden className="font-semibold text-emerald-600">
                ✓
              </span>
              {p.label}
            </li>
          ))}
        </ul>
      </Section>

      {can.some((p) => p.permission === "scorecard.read") && <ScorecardMailCard />}

      <Section title="Change password" testId="account-password">
        <p className="mb-4 text-sm text-slate-600">You stay signed in here; every other browser signed in as you is signed out.</p>
        <ChangePasswordForm />
      </Section>
    </main>
  );
}
