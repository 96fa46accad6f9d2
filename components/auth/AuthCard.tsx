import { OnepoolLogo } from "@/components/layout/OnepoolLogo";

/** The signed-out pages (sign-in, first-run setup): one centered card under the Onepool mark. */
export function AuthCard({ title, intro, children, testId }: { title: string; intro?: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 py-12" data-testid={testId}>
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
          <OnepoolLogo className="size-8" />
          Onepool
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-base font-semibold text-slate-900">{title}</h1>
          {intro && <div className="mt-1 text-sm text-slate-600">{intro}</div>}
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </main>
  );
}
