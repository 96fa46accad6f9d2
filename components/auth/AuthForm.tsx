import type { FormEvent, ReactNode } from "react";

/**
 * The form of the sign-in, setup and password pages: `aria-busy` while its request is out, and a
 * submit then (a double click, Enter pressed twice) or while `blocked` does nothing.
 */
export function AuthForm(p: { testId: string; pending: boolean; blocked?: boolean; onSubmit(e: FormEvent<HTMLFormElement>): void; className: string; children: ReactNode }) {
  return (
    <form
      data-testid={p.testId}
      aria-busy={p.pending}
      noValidate
      onSubmit={(e) => {
        if (p.pending || p.blocked) return e.preventDefault();
        p.onSubmit(e);
      }}
      className={p.className}
    >
      {p.children}
    </form>
  );
}
